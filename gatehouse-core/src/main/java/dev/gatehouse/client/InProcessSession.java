package dev.gatehouse.client;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The session of an in-process client, which is also the exchange of each of its requests. It
 * declares no client capabilities, so upstream requests for sampling, elicitation or roots are
 * refused.
 */
final class InProcessSession implements DownstreamSession, Exchange {
  private static final Logger log = LoggerFactory.getLogger(InProcessSession.class);

  private final String id = "in-process-" + UUID.randomUUID();
  private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
  private final ClientOptions options;
  private final ObjectNode clientInfo =
      Json.object().put("name", "gatehouse-in-process").put("version", "1");
  private volatile boolean open = true;

  InProcessSession(ClientOptions options) {
    this.options = options;
  }

  @Override
  public Optional<DownstreamSession> session() {
    return Optional.of(this);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocolVersion() {
    return ProtocolVersion.LATEST_SESSION_ERA;
  }

  @Override
  public ObjectNode clientCapabilities() {
    return Json.object();
  }

  @Override
  public ObjectNode clientInfo() {
    return clientInfo;
  }

  @Override
  public ConcurrentMap<String, Object> attributes() {
    return attributes;
  }

  @Override
  public Optional<String> header(String name) {
    return options.headers().apply(name);
  }

  @Override
  public void notify(Notification notification) {
    try {
      options.notifications().accept(notification);
    } catch (RuntimeException e) {
      log.warn("In-process notification listener failed: {}", e.toString());
    }
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    throw new GatewayException(
        ErrorCode.CAPABILITY_NOT_SUPPORTED, "The in-process client does not answer " + method);
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  void close() {
    open = false;
  }
}
