package dev.gatehouse.server;

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
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/** A tiny handler whose behaviour is chosen by method name; shared by the transport tests. */
public class ScriptedHandler implements McpHandler {
  public final List<Notification> notifications = new CopyOnWriteArrayList<>();
  public final List<DownstreamSession> closed = new CopyOnWriteArrayList<>();
  public final List<DownstreamSession> sessions = new CopyOnWriteArrayList<>();
  public final List<Boolean> virtualThreads = new CopyOnWriteArrayList<>();

  @Override
  public Response handle(Request request, Exchange exchange) {
    virtualThreads.add(Thread.currentThread().isVirtual());
    ObjectNode result = Json.object();
    switch (request.method()) {
      case "initialize" -> {
        if (Json.string(request.params().get("clientInfo"), "name").orElse("").equals("reject")) {
          return Response.error(request.id(), -32602, "rejected");
        }
        exchange.session().ifPresent(sessions::add);
        String requested = Json.string(request.params(), "protocolVersion").orElse("");
        result.put("protocolVersion", ProtocolVersion.negotiate(requested));
        result.putObject("capabilities").putObject("tools");
        result.putObject("serverInfo").put("name", "scripted").put("version", "1");
      }
      case "tools/list" -> result.putArray("tools").addObject().put("name", "echo");
      case "whoami" -> {
        result.put("session", exchange.session().map(DownstreamSession::id).orElse(""));
        result.put("protocolVersion", exchange.protocolVersion());
        result.set("capabilities", exchange.clientCapabilities());
        result.put("header", exchange.header("X-Test").orElse(""));
      }
      case "notify-first" -> {
        ObjectNode params = Json.object().put("progressToken", "t").put("progress", 1);
        exchange.notify(Notification.of("notifications/progress", params));
        result.put("done", true);
      }
      case "ask-client" -> {
        Response answer = exchange.request("roots/list", Json.object(), Duration.ofSeconds(30));
        result.set("answer", answer.result().orElse(Json.object()));
      }
      case "ask-client-briefly" -> {
        exchange.request("roots/list", Json.object(), Duration.ofMillis(100));
        result.put("unexpected", true);
      }
      case "ask-session" -> {
        DownstreamSession session = exchange.session().orElseThrow();
        Response answer = session.request("roots/list", Json.object(), Duration.ofSeconds(30));
        result.set("answer", answer.result().orElse(Json.object()));
      }
      case "broadcast" -> {
        exchange
            .session()
            .orElseThrow()
            .notify(Notification.of("notifications/tools/list_changed", null));
        result.put("sent", true);
      }
      case "boom" -> throw new IllegalStateException("secret detail at line 42");
      case "sleep" -> {
        try {
          Thread.sleep(request.params().path("millis").asLong(100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      default -> {
        return Response.error(request.id(), -32601, "Method not found: " + request.method());
      }
    }
    return Response.result(request.id(), result);
  }

  @Override
  public void onNotification(Notification notification, Exchange exchange) {
    notifications.add(notification);
  }

  @Override
  public void onSessionClosed(DownstreamSession session) {
    closed.add(session);
  }
}
