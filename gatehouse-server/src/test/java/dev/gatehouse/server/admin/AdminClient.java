package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Sends admin API requests over real HTTP and reads the answers as JSON. */
final class AdminClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private Optional<String> token = Optional.empty();

  /** An answer: its status, JSON body (missing node when empty) and raw response. */
  record Answer(int status, JsonNode json, HttpResponse<String> raw) {
    String errorCode() {
      return json.path("error").path("code").asString("");
    }

    String errorField() {
      return json.path("error").path("field").asString("");
    }
  }

  AdminClient(URI base) {
    this.base = base;
  }

  AdminClient withToken(String value) {
    AdminClient client = new AdminClient(base);
    client.token = Optional.of(value);
    return client;
  }

  Answer get(String path) {
    return send(builder(path).GET());
  }

  Answer delete(String path) {
    return send(builder(path).DELETE());
  }

  Answer post(String path, String json) {
    return send(builder(path).header("Content-Type", "application/json").POST(body(json)));
  }

  Answer post(String path) {
    return send(builder(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Answer patch(String path, String json) {
    return send(
        builder(path).header("Content-Type", "application/json").method("PATCH", body(json)));
  }

  Answer put(String path, String json) {
    return send(builder(path).header("Content-Type", "application/json").PUT(body(json)));
  }

  HttpRequest.Builder builder(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    return builder;
  }

  Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      boolean json =
          response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
      return new Answer(
          response.statusCode(),
          json && !body.isEmpty() ? Json.parse(body) : Json.mapper().missingNode(),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }
}
