package dev.gatehouse.bench.jmh;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The exchange of a micro-benchmark's requests: a 2025-11-25 client without a session that sends no
 * headers and is never asked anything, so only the handler's own work is timed.
 */
final class QuietExchange implements Exchange {
  static final QuietExchange INSTANCE = new QuietExchange();

  private final ObjectNode capabilities = Json.object();

  private QuietExchange() {}

  @Override
  public Optional<DownstreamSession> session() {
    return Optional.empty();
  }

  @Override
  public String protocolVersion() {
    return "2025-11-25";
  }

  @Override
  public ObjectNode clientCapabilities() {
    return capabilities;
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.empty();
  }

  @Override
  public void notify(Notification notification) {}

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    throw new GatewayException(
        ErrorCode.CAPABILITY_NOT_SUPPORTED, "a benchmark client answers no requests");
  }
}
