package dev.gatehouse.upstream;

import com.sun.net.httpserver.HttpExchange;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What the HTTP test servers share: answers, SSE framing, initialize results. */
final class TestHttpServers {
  private TestHttpServers() {}

  static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.bytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void empty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  static OutputStream startEventStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  static void event(OutputStream out, String type, String data) throws IOException {
    synchronized (out) {
      out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  static void message(OutputStream out, JsonNode message) throws IOException {
    event(out, "message", Json.text(message));
  }

  static ObjectNode initializeResult(Request initialize, String serverName) {
    return initializeResult(initialize.params().get("protocolVersion").asString(), serverName);
  }

  static ObjectNode initializeResult(String protocolVersion, String serverName) {
    ObjectNode result = Json.object();
    result.put("protocolVersion", protocolVersion);
    result.putObject("capabilities").putObject("tools");
    result.putObject("serverInfo").put("name", serverName).put("version", "1.0");
    return result;
  }

  static ObjectNode textResult(String text) {
    ObjectNode result = Json.object();
    result.putArray("content").addObject().put("type", "text").put("text", text);
    return result;
  }
}
