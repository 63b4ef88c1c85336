package dev.gatehouse.cli;

import dev.gatehouse.cli.admin.AdminSettings;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Talks to the running daemon's admin routes over HTTP, at the host and port of the same config
 * {@code serve} reads. Every request goes through here, so credentials for {@code /admin} have one
 * place to be added.
 */
final class DaemonClient {
  private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]");

  private final URI base;
  private final Optional<String> token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer: the status and the JSON body. */
  record Reply(int status, JsonNode json) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** {@code CODE: message} of an error answer. */
    String error() {
      JsonNode error = json.path("error");
      return error.path("code").asString("HTTP " + status)
          + ": "
          + error.path("message").asString("");
    }
  }

  /** The daemon cannot be reached; the message is one line for the user. */
  static final class Unreachable extends RuntimeException {
    Unreachable(String message) {
      super(message);
    }
  }

  private DaemonClient(URI base, Optional<String> token) {
    this.base = base;
    this.token = token;
  }

  static DaemonClient of(GatehouseConfig config) {
    String host = WILDCARD_HOSTS.contains(config.host()) ? "127.0.0.1" : config.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    Optional<String> token;
    try {
      token = AdminSettings.of(config).adminToken();
    } catch (ConfigException e) {
      throw new Unreachable(e.getMessage());
    }
    return new DaemonClient(URI.create("http://" + host + ":" + config.port() + "/"), token);
  }

  URI base() {
    return base;
  }

  Reply get(String path, Optional<String> group) {
    return send(HttpRequest.newBuilder(uri(path, group)).timeout(Duration.ofSeconds(60)).GET());
  }

  /** No timeout of its own: a call may wait for a human's approval. */
  Reply post(String path, Optional<String> group, JsonNode body) {
    return send(
        HttpRequest.newBuilder(uri(path, group))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path, Optional<String> group) {
    String query = group.map(g -> "?group=" + segment(g)).orElse("");
    return base.resolve(path + query);
  }

  private Reply send(HttpRequest.Builder request) {
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new Unreachable(
          "no gateway is running at " + base + " (start one with: gatehouse serve)");
    } catch (IOException e) {
      throw new Unreachable("cannot talk to the gateway at " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    }
    JsonNode json;
    try {
      json = response.body().length == 0 ? Json.object() : Json.parse(response.body());
    } catch (RuntimeException e) {
      throw new Unreachable(
          "the server at "
              + base
              + " answered "
              + response.statusCode()
              + " without JSON; is it a gateway?");
    }
    return new Reply(response.statusCode(), json);
  }
}
