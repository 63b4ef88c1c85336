package dev.gatehouse.modern;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a transport hands the handler for a stateless request, in memory: the envelope's version and
 * capabilities, headers, the notifications sent on the request's stream, and a close signal.
 */
final class TransportExchange implements Exchange {
  final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final String version;
  private final ObjectNode capabilities;
  private final Map<String, String> headers;
  private final List<Runnable> closeActions = new ArrayList<>();
  private boolean closed;

  private TransportExchange(String version, ObjectNode capabilities, Map<String, String> headers) {
    this.version = version;
    this.capabilities = capabilities;
    this.headers = headers;
  }

  /** The exchange a transport builds for this request. */
  static TransportExchange of(Request request) {
    return of(request, Map.of());
  }

  static TransportExchange of(Request request, Map<String, String> headers) {
    Envelope envelope = Envelope.read(request, ProtocolVersion.STATELESS_ERA);
    return new TransportExchange(
        envelope.protocolVersion(), envelope.clientCapabilities(), headers);
  }

  @Override
  public Optional<DownstreamSession> session() {
    return Optional.empty();
  }

  @Override
  public String protocolVersion() {
    return version;
  }

  @Override
  public ObjectNode clientCapabilities() {
    return capabilities;
  }

  @Override
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public void notify(Notification notification) {
    sent.add(notification);
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    throw new GatewayException(ErrorCode.CAPABILITY_NOT_SUPPORTED, "no requests to the client");
  }

  @Override
  public void onClose(Runnable action) {
    boolean now;
    synchronized (this) {
      now = closed;
      if (!now) {
        closeActions.add(action);
      }
    }
    if (now) {
      action.run();
    }
  }

  /** The client went away. */
  void close() {
    List<Runnable> actions;
    synchronized (this) {
      closed = true;
      actions = List.copyOf(closeActions);
      closeActions.clear();
    }
    actions.forEach(Runnable::run);
  }
}
