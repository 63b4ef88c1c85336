package dev.gatehouse.server.upstream;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small session-era MCP server (echo, a tool that asks its client's name, one subscribable
 * resource) that remembers its sessions, so tests can make it announce changes. Served through
 * {@link dev.gatehouse.modern.DualEraHandler} it is a 2026-07-28 server as well.
 */
final class TinyServer implements McpHandler {
  final Set<DownstreamSession> sessions = ConcurrentHashMap.newKeySet();
  final List<String> subscriptions = new CopyOnWriteArrayList<>();

  @Override
  public Response handle(Request request, Exchange exchange) {
    ObjectNode result = Json.object();
    ObjectNode params = request.params();
    switch (request.method()) {
      case "initialize" -> {
        exchange.session().ifPresent(sessions::add);
        result.put("protocolVersion", "2025-11-25");
        ObjectNode caps = result.putObject("capabilities");
        caps.putObject("tools").put("listChanged", true);
        caps.putObject("resources").put("subscribe", true);
        caps.putObject("logging");
        result.putObject("serverInfo").put("name", "tiny").put("version", "2");
      }
      case "tools/list" -> {
        result.putArray("tools").addObject().put("name", "echo");
      }
      case "tools/call" -> {
        String text;
        if ("ask".equals(params.path("name").asString())) {
          ObjectNode elicit = Json.object().put("mode", "form").put("message", "Name?");
          elicit.putObject("requestedSchema").put("type", "object");
          Response answer = exchange.request("elicitation/create", elicit, Duration.ofSeconds(30));
          text = "Hello, " + answer.result().orElseThrow().path("content").path("name").asString();
        } else {
          exchange.notify(
              Notification.of(
                  "notifications/message",
                  Json.object().put("level", "info").put("data", "echoing")));
          text = params.path("arguments").path("message").asString("");
        }
        result.putArray("content").addObject().put("type", "text").put("text", text);
      }
      case "resources/subscribe" -> subscriptions.add(params.path("uri").asString());
      case "resources/unsubscribe" -> subscriptions.remove(params.path("uri").asString());
      default -> {
        return Response.error(request.id(), -32601, "Method not found: " + request.method());
      }
    }
    return Response.result(request.id(), result);
  }

  @Override
  public void onSessionClosed(DownstreamSession session) {
    sessions.remove(session);
  }

  /** Tells every session (listen streams included) something changed. */
  void announce(String method, ObjectNode params) {
    sessions.forEach(
        s -> s.notify(Notification.of(method, params == null ? null : params.deepCopy())));
  }
}
