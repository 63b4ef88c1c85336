package dev.gatehouse.cli.admin;

import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Talks to a running gateway's admin API over HTTP, sending the admin token when the config has
 * one. Failures come back as {@link AdminCallException}: the gateway not answering at all, or the
 * API refusing the request with its JSON error.
 */
public final class AdminApiClient implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Probes and reloads wait for upstreams, within bounds of their own; this only stops a hang. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();
  private final GatewayAddress address;
  private final Optional<String> token;

  public AdminApiClient(GatewayAddress address, Optional<String> token) {
    this.address = address;
    this.token = token;
  }

  public GatewayAddress address() {
    return address;
  }

  @Override
  public void close() {
    http.close();
  }

  public JsonNode get(String path) {
    return send("GET", path, Optional.empty());
  }

  public JsonNode post(String path, Optional<JsonNode> body) {
    return send("POST", path, body);
  }

  public JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, Optional.of(body));
  }

  public JsonNode put(String path, JsonNode body) {
    return send("PUT", path, Optional.of(body));
  }

  public JsonNode delete(String path) {
    return send("DELETE", path, Optional.empty());
  }

  private JsonNode send(String method, String path, Optional<JsonNode> body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(address.resolve("/admin" + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    if (body.isPresent()) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body.get())));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
      throw AdminCallException.notRunning(address);
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw AdminCallException.notRunning(address);
      }
      throw AdminCallException.failed(
          "the gateway at " + address.base() + " did not answer: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AdminCallException.failed("interrupted");
    }
    return read(response);
  }

  private JsonNode read(HttpResponse<String> response) {
    int status = response.statusCode();
    String text = response.body();
    Optional<JsonNode> json = parse(text, response);
    if (status >= 200 && status < 300) {
      return json.orElse(Json.object());
    }
    JsonNode error = json.map(j -> j.path("error")).orElse(Json.mapper().missingNode());
    if (!error.isObject()) {
      throw AdminCallException.failed(
          "the server at "
              + address.base()
              + " answered HTTP "
              + status
              + " and does not look like a Gatehouse admin API");
    }
    throw AdminCallException.refused(
        status, error.path("code").asString(""), error.path("message").asString("HTTP " + status));
  }

  private static Optional<JsonNode> parse(String text, HttpResponse<String> response) {
    boolean json =
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    if (!json || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.parse(text));
    } catch (GatewayException e) {
      return Optional.empty();
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
