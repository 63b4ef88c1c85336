package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives an {@link McpHandler} in-process the way a transport does: one session, an {@link
 * Exchange} per request that records notifications and answers server-to-client requests with a
 * scripted function.
 */
final class HandlerClient {
  private final McpHandler handler;
  private final AtomicLong ids = new AtomicLong();
  final FakeSession session;
  final List<Notification> notifications = new CopyOnWriteArrayList<>();
  final List<Request> clientRequests = new CopyOnWriteArrayList<>();
  volatile BiFunction<String, ObjectNode, ObjectNode> answers =
      (method, params) -> {
        throw new IllegalStateException("unexpected request to the client: " + method);
      };

  HandlerClient(McpHandler handler, ObjectNode capabilities) {
    this.handler = handler;
    this.session = new FakeSession(ProtocolVersion.V2025_11_25, capabilities, Json.object());
  }

  /** A client declaring sampling, elicitation and roots. */
  static HandlerClient withAllCapabilities(McpHandler handler) {
    ObjectNode caps = Json.object();
    caps.putObject("sampling");
    caps.putObject("elicitation");
    caps.putObject("roots");
    return new HandlerClient(handler, caps);
  }

  Response initialize() {
    ObjectNode params = Json.object();
    params.put("protocolVersion", ProtocolVersion.V2025_11_25);
    params.set("capabilities", session.clientCapabilities());
    params.putObject("clientInfo").put("name", "handler-client").put("version", "1");
    Response response = call("initialize", params);
    handler.onNotification(Notification.of("notifications/initialized", null), exchange());
    return response;
  }

  Response call(String method, ObjectNode params) {
    return handler.handle(request(method, params), exchange());
  }

  Request request(String method, ObjectNode params) {
    return Request.of(IntNode.valueOf((int) ids.incrementAndGet()), method, params);
  }

  Response handle(Request request) {
    return handler.handle(request, exchange());
  }

  void notifyServer(String method, ObjectNode params) {
    handler.onNotification(Notification.of(method, params), exchange());
  }

  /** The result of a successful call; fails the test on an error response. */
  JsonNode result(String method, ObjectNode params) {
    Response response = call(method, params);
    if (response.isError()) {
      throw new AssertionError(method + " failed: " + response.json());
    }
    return response.result().orElseThrow();
  }

  JsonNode callTool(String name, Map<String, Object> arguments) {
    ObjectNode params = Json.object();
    params.put("name", name);
    params.set("arguments", Json.mapper().valueToTree(arguments));
    return result("tools/call", params);
  }

  Exchange exchange() {
    return new Exchange() {
      @Override
      public Optional<DownstreamSession> session() {
        return Optional.of(session);
      }

      @Override
      public String protocolVersion() {
        return session.protocolVersion();
      }

      @Override
      public ObjectNode clientCapabilities() {
        return session.clientCapabilities();
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.empty();
      }

      @Override
      public void notify(Notification notification) {
        notifications.add(notification);
      }

      @Override
      public Response request(String method, ObjectNode params, Duration timeout) {
        Request request = Request.of(IntNode.valueOf(clientRequests.size()), method, params);
        clientRequests.add(request);
        return Response.result(request.id(), answers.apply(method, params));
      }
    };
  }
}
