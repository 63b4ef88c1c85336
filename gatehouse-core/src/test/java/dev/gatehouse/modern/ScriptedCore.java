package dev.gatehouse.modern;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session-era handler in memory, standing in for the routing core: answers initialize like the
 * gateway does, and other methods by script. Records the requests it got and the sessions it knows.
 */
final class ScriptedCore implements McpHandler {
  final List<Request> received = new CopyOnWriteArrayList<>();
  final List<Notification> notifications = new CopyOnWriteArrayList<>();
  final Set<DownstreamSession> sessions = ConcurrentHashMap.newKeySet();
  final Set<DownstreamSession> closed = ConcurrentHashMap.newKeySet();
  private final Map<String, BiFunction<Request, Exchange, Response>> script =
      new ConcurrentHashMap<>();

  /** Answers {@code method} with what {@code answer} returns. */
  ScriptedCore on(String method, BiFunction<Request, Exchange, Response> answer) {
    script.put(method, answer);
    return this;
  }

  /** Answers {@code method} with this result. */
  ScriptedCore result(String method, ObjectNode result) {
    return on(method, (request, exchange) -> Response.result(request.id(), result.deepCopy()));
  }

  @Override
  public Response handle(Request request, Exchange exchange) {
    received.add(request);
    if (McpMethods.INITIALIZE.equals(request.method())) {
      exchange.session().ifPresent(sessions::add);
      ObjectNode result = Json.object();
      result.put("protocolVersion", "2025-11-25");
      ObjectNode capabilities = result.putObject("capabilities");
      capabilities.putObject("tools").put("listChanged", true);
      capabilities.putObject("prompts").put("listChanged", true);
      capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
      capabilities.putObject("completions");
      capabilities.putObject("logging");
      result.putObject("serverInfo").put("name", "core").put("version", "1.2.3");
      result.put("instructions", "Scripted for tests.");
      return Response.result(request.id(), result);
    }
    BiFunction<Request, Exchange, Response> answer = script.get(request.method());
    if (answer == null) {
      return Response.error(
          request.id(),
          new GatewayException(
              ErrorCode.METHOD_NOT_FOUND, "Method not found: " + request.method()));
    }
    return answer.apply(request, exchange);
  }

  @Override
  public void onNotification(Notification notification, Exchange exchange) {
    notifications.add(notification);
  }

  @Override
  public void onSessionClosed(DownstreamSession session) {
    sessions.remove(session);
    closed.add(session);
  }

  /** Sends a notification to every session, as the core broadcasts list changes. */
  void broadcast(Notification notification) {
    sessions.forEach(s -> s.notify(notification));
  }

  /** The last request with this method. */
  Request last(String method) {
    return received.stream()
        .filter(r -> r.method().equals(method))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + method + " received"));
  }
}
