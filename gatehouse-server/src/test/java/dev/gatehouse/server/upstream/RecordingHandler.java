package dev.gatehouse.server.upstream;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every request as it arrived (with its Mcp-Method and Mcp-Name headers) before the handler
 * sees it; when {@code statelessOnly}, refuses {@code initialize} as a 2026-07-28-only server does.
 */
final class RecordingHandler implements McpHandler {
  record Arrived(Request request, String methodHeader, String nameHeader) {}

  final List<Arrived> arrived = new CopyOnWriteArrayList<>();
  private final McpHandler delegate;
  private final boolean statelessOnly;

  RecordingHandler(McpHandler delegate, boolean statelessOnly) {
    this.delegate = delegate;
    this.statelessOnly = statelessOnly;
  }

  @Override
  public Response handle(Request request, Exchange exchange) {
    arrived.add(
        new Arrived(
            Request.of(request.id(), request.method(), request.params().deepCopy()),
            exchange.header("Mcp-Method").orElse(""),
            exchange.header("Mcp-Name").orElse("")));
    if (statelessOnly && exchange.session().isPresent()) {
      GatewayException refusal =
          new GatewayException(
              ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
              "Unsupported protocol version",
              Json.object().set("supported", Json.array().add("2026-07-28")),
              null);
      return Response.error(request.id(), refusal);
    }
    return delegate.handle(request, exchange);
  }

  @Override
  public void onNotification(Notification notification, Exchange exchange) {
    delegate.onNotification(notification, exchange);
  }

  @Override
  public void onSessionClosed(dev.gatehouse.endpoint.DownstreamSession session) {
    delegate.onSessionClosed(session);
  }

  @Override
  public List<String> protocolVersions() {
    return statelessOnly ? ProtocolVersion.STATELESS_ERA : delegate.protocolVersions();
  }

  List<Arrived> of(String method) {
    return arrived.stream().filter(a -> a.request().method().equals(method)).toList();
  }
}
