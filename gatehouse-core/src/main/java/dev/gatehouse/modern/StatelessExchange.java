package dev.gatehouse.modern;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A 2026-07-28 request as the era-neutral core sees it: no session, the capabilities and log level
 * of the request's own envelope. Log messages reach the client only at or above the level the
 * request asked for, and none when it asked for none. Requests to the client are impossible in this
 * revision; {@link BridgedCall} turns them into input requests where the method allows.
 */
final class StatelessExchange implements Exchange {
  private final Exchange transport;
  private final Envelope envelope;

  StatelessExchange(Exchange transport, Envelope envelope) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.envelope = Objects.requireNonNull(envelope, "envelope");
  }

  Envelope envelope() {
    return envelope;
  }

  @Override
  public Optional<DownstreamSession> session() {
    return Optional.empty();
  }

  @Override
  public String protocolVersion() {
    return envelope.protocolVersion();
  }

  @Override
  public ObjectNode clientCapabilities() {
    return envelope.clientCapabilities();
  }

  @Override
  public Optional<String> header(String name) {
    return transport.header(name);
  }

  @Override
  public Optional<String> logLevel() {
    return envelope.logLevel();
  }

  @Override
  public void notify(Notification notification) {
    if (McpMethods.MESSAGE.equals(notification.method())) {
      String level = notification.params().path("level").asString("info");
      if (envelope.logLevel().isEmpty() || !LogLevels.passes(level, envelope.logLevel().get())) {
        return;
      }
    }
    transport.notify(notification);
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    throw new GatewayException(
        ErrorCode.CAPABILITY_NOT_SUPPORTED,
        "A 2026-07-28 client cannot be sent " + method + " while it waits for this answer");
  }

  @Override
  public void onClose(Runnable action) {
    transport.onClose(action);
  }
}
