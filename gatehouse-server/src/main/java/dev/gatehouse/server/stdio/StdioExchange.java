package dev.gatehouse.server.stdio;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message on the stdio pipe. Before initialize, and for stateless (2026-07-28) requests, there is
 * no session: notifications still go out, requests to the client do not.
 */
final class StdioExchange implements Exchange {
  private final Optional<StdioSession> session;
  private final String protocolVersion;
  private final ObjectNode clientCapabilities;
  private final LineWriter writer;
  private List<Runnable> closeActions;
  private boolean closed;

  StdioExchange(
      Optional<StdioSession> session,
      String protocolVersion,
      ObjectNode clientCapabilities,
      LineWriter writer) {
    this.session = session;
    this.protocolVersion = protocolVersion;
    this.clientCapabilities = clientCapabilities;
    this.writer = writer;
  }

  @Override
  public Optional<DownstreamSession> session() {
    return session.map(DownstreamSession.class::cast);
  }

  @Override
  public String protocolVersion() {
    return protocolVersion;
  }

  @Override
  public ObjectNode clientCapabilities() {
    return clientCapabilities;
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.empty();
  }

  @Override
  public void notify(Notification notification) {
    if (session.isPresent()) {
      session.get().notify(notification);
    } else {
      writer.send(notification);
    }
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    return session
        .orElseThrow(() ->
            new GatewayException(
                ErrorCode.CAPABILITY_NOT_SUPPORTED,
                "Requests to the client need an initialized session"))
        .request(method, params, timeout);
  }

  @Override
  public void onClose(Runnable action) {
    boolean now;
    synchronized (this) {
      now = closed;
      if (!now) {
        if (closeActions == null) {
          closeActions = new ArrayList<>(1);
        }
        closeActions.add(action);
      }
    }
    if (now) {
      action.run();
    }
  }

  /** The input ended while this message was being handled: runs the {@link #onClose} actions. */
  void close() {
    List<Runnable> actions;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      actions = closeActions;
      closeActions = null;
    }
    if (actions != null) {
      actions.forEach(Runnable::run);
    }
  }
}
