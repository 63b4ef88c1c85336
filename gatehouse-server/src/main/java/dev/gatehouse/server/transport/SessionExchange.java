package dev.gatehouse.server.transport;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * An exchange whose messages to the client travel the session's own way: the one pipe of stdio, or
 * the GET stream of Streamable HTTP for client notifications (which have no response stream).
 */
public final class SessionExchange implements Exchange {
  private final DownstreamSession session;
  private final Function<String, Optional<String>> headers;

  public SessionExchange(DownstreamSession session, Function<String, Optional<String>> headers) {
    this.session = session;
    this.headers = headers;
  }

  /** An exchange without transport headers (stdio). */
  public static SessionExchange withoutHeaders(DownstreamSession session) {
    return new SessionExchange(session, name -> Optional.empty());
  }

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
    return headers.apply(name);
  }

  @Override
  public void notify(Notification notification) {
    session.notify(notification);
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    return session.request(method, params, timeout);
  }
}
