package dev.gatehouse.server.http;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.transport.ClientRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One POSTed request being handled. The answer stays plain JSON unless the handler sends the client
 * something first; then it becomes an SSE stream carrying those messages and, last, the response.
 * Works with or without a session, so the stateless revision can use it too.
 */
final class PostExchange implements Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(PostExchange.class);

  private final Optional<StreamableSession> session;
  private final String protocolVersion;
  private final ObjectNode clientCapabilities;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final AcceptHeader accept;
  private final Duration keepAlive;
  private final boolean streamAlways;
  private final ReentrantLock lock = new ReentrantLock();
  private ResponseStream stream;
  private boolean finished;
  private boolean closed;
  private List<Runnable> closeActions;

  PostExchange(
      Optional<StreamableSession> session,
      String protocolVersion,
      ObjectNode clientCapabilities,
      HttpServletRequest request,
      HttpServletResponse response,
      AcceptHeader accept,
      Duration keepAlive,
      boolean streamAlways) {
    this.session = session;
    this.protocolVersion = protocolVersion;
    this.clientCapabilities = clientCapabilities;
    this.request = request;
    this.response = response;
    this.accept = accept;
    this.keepAlive = keepAlive;
    this.streamAlways = streamAlways;
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

  /** Valid while the request is being handled; the container reuses request objects after. */
  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeader(name));
  }

  @Override
  public void notify(Notification notification) {
    Optional<ResponseStream> target = streamForSending();
    if (target.isEmpty() || !target.get().send(notification)) {
      LOG.debug("Dropped {}: the response stream is not available", notification.method());
    }
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    StreamableSession owner =
        session.orElseThrow(() ->
            new GatewayException(
                ErrorCode.CAPABILITY_NOT_SUPPORTED,
                "Requests to the client need a session on this transport"));
    ResponseStream target =
        streamForSending()
            .orElseThrow(() ->
                new GatewayException(
                    ErrorCode.CAPABILITY_NOT_SUPPORTED,
                    "The client cannot receive requests on this response"));
    ClientRequests.Pending pending = owner.clientRequests().open(method, params);
    if (!pending.answer().isDone() && !target.send(pending.request())) {
      throw new GatewayException(ErrorCode.CANCELLED, "The client closed the response stream");
    }
    try {
      return owner.clientRequests().await(pending, timeout);
    } catch (GatewayException e) {
      if (e.code() == ErrorCode.TIMEOUT) {
        target.send(ClientRequests.cancellation(pending, "timed out"));
      }
      throw e;
    }
  }

  @Override
  public void onClose(Runnable action) {
    boolean now;
    lock.lock();
    try {
      now = closed;
      if (!now && !finished) {
        if (closeActions == null) {
          closeActions = new ArrayList<>(1);
        }
        closeActions.add(action);
      }
    } finally {
      lock.unlock();
    }
    if (now) {
      action.run();
    }
  }

  /**
   * The client went away before the answer, or the endpoint is shutting down: runs the actions
   * registered with {@link #onClose}. Does nothing once the answer is on its way.
   */
  void close() {
    List<Runnable> actions;
    lock.lock();
    try {
      if (closed || finished) {
        return;
      }
      closed = true;
      actions = closeActions;
      closeActions = null;
    } finally {
      lock.unlock();
    }
    if (actions != null) {
      actions.forEach(Runnable::run);
    }
  }

  /** Sends the final response: as JSON when nothing went before it, else as the last event. */
  void complete(Response answer) throws IOException {
    complete(answer, HttpServletResponse.SC_OK);
  }

  /**
   * Like {@link #complete(Response)}, with the HTTP status of a plain JSON answer (an answer that
   * follows other events on a stream is always part of a 200 response).
   */
  void complete(Response answer, int status) throws IOException {
    ResponseStream open;
    lock.lock();
    try {
      finished = true;
      closeActions = null;
      open = stream;
      boolean plain = status == HttpServletResponse.SC_OK;
      if (open == null && plain && (!accept.json() || (streamAlways && accept.eventStream()))) {
        open = ResponseStream.open(response, keepAlive);
      }
    } finally {
      lock.unlock();
    }
    if (open == null) {
      HttpReplies.json(response, status, answer);
      return;
    }
    try {
      open.finish(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True once the answer turned into an event stream (headers are then committed). */
  boolean streaming() {
    lock.lock();
    try {
      return stream != null;
    } finally {
      lock.unlock();
    }
  }

  private Optional<ResponseStream> streamForSending() {
    lock.lock();
    try {
      if (finished || !accept.eventStream()) {
        return Optional.empty();
      }
      if (stream == null) {
        stream = ResponseStream.open(response, keepAlive, this::close);
      }
      return Optional.of(stream);
    } finally {
      lock.unlock();
    }
  }
}
