package dev.gatehouse.it.admin;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A plain MCP client session over Streamable HTTP, as a coding agent would open one. */
final class McpSession {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI endpoint;
  private final AtomicInteger ids = new AtomicInteger();
  private String sessionId;

  private McpSession(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Initializes a session at {@code endpoint}. */
  static McpSession open(URI endpoint) {
    McpSession session = new McpSession(endpoint);
    ObjectNode params = Json.object().put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "new-user").put("version", "1");
    JsonNode answer = session.request("initialize", params);
    if (answer.has("error")) {
      throw new IllegalStateException("initialize failed: " + answer);
    }
    session.notifyInitialized();
    return session;
  }

  List<String> toolNames() {
    JsonNode answer = request("tools/list", Json.object());
    return answer
        .path("result")
        .path("tools")
        .valueStream()
        .map(t -> t.path("name").asString())
        .toList();
  }

  /** The whole JSON-RPC answer of a tools/call. */
  JsonNode call(String tool) {
    ObjectNode params = Json.object().put("name", tool);
    params.putObject("arguments").put("text", "hi");
    return request("tools/call", params);
  }

  private void notifyInitialized() {
    ObjectNode message =
        Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized");
    send(message);
  }

  private JsonNode request(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
    message.set("params", params);
    HttpResponse<String> response = send(message);
    if (sessionId == null) {
      sessionId = response.headers().firstValue("Mcp-Session-Id").orElse(null);
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("text/event-stream")) {
      return Json.parse(response.body());
    }
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data:")) {
        JsonNode event = Json.parse(line.substring(5).trim());
        if (event.path("id").asInt(-1) == id) {
          return event;
        }
      }
    }
    throw new IllegalStateException("no answer to " + method + " in " + response.body());
  }

  private HttpResponse<String> send(ObjectNode message) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(Json.text(message)));
    if (sessionId != null) {
      request.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-11-25");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
