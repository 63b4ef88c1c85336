package dev.gatehouse.upstream.internal;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.protocol.StreamedResult;
import dev.gatehouse.upstream.CallOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One MCP session over one transport, from {@code initialize} until the transport is lost or
 * closed: it numbers and sends requests, pairs responses with their callers, maps progress tokens
 * and routes what the upstream sends on its own. A reconnect creates a new session.
 */
final class LiveSession implements TransportSink {
  private static final Logger log = LoggerFactory.getLogger(LiveSession.class);

  /** Why the session ended, and whether to reconnect at once instead of after a backoff delay. */
  record Loss(String reason, boolean reconnectNow) {}

  private final String name;
  private final Transport transport;
  private final AtomicLong ids;
  private final Consumer<Notification> unrouted;
  private final InFlightCalls calls = new InFlightCalls();
  private final ServerRequestRouter router;
  private final CompletableFuture<Loss> loss = new CompletableFuture<>();
  private volatile boolean initialized;

  LiveSession(
      String name,
      Transport transport,
      AtomicLong ids,
      Consumer<Notification> unrouted,
      Executor executor,
      Function<Request, Response> fallback,
      Duration serverRequestTimeout) {
    this.name = name;
    this.transport = transport;
    this.ids = ids;
    this.unrouted = unrouted;
    this.router =
        new ServerRequestRouter(name, calls, executor, fallback, serverRequestTimeout, this::reply);
  }

  Transport transport() {
    return transport;
  }

  void open() throws TransportException {
    transport.open(this);
  }

  /**
   * Sends {@code initialize} and waits for its answer. Notifications that arrive before the
   * handshake is confirmed are dropped (the caller reads the lists once ready anyway), requests go
   * to the fallback.
   *
   * @return the answer: a result, or the upstream's JSON-RPC error for the caller to judge
   * @throws TransportException when the upstream fails or does not answer in time
   */
  Response initialize(ObjectNode params, Duration timeout) throws TransportException {
    return handshake(McpMethods.INITIALIZE, params, timeout)
        .orElseThrow(
            () -> new TransportException("no answer to initialize within " + seconds(timeout)));
  }

  /**
   * Sends a request before the session is confirmed ({@code initialize}, the {@code
   * server/discover} probe) and waits for the answer, error or not.
   *
   * @return the answer, or empty when none came within {@code timeout}
   * @throws TransportException when the transport fails or the session is lost meanwhile
   */
  Optional<Response> handshake(String method, ObjectNode params, Duration timeout)
      throws TransportException {
    long id = ids.incrementAndGet();
    InFlightCall call = calls.register(id, method, Optional.empty(), Optional.empty());
    try {
      if (loss.isDone()) {
        throw new TransportException(loss.join().reason());
      }
      transport.send(Request.of(LongNode.valueOf(id), method, params));
      return Optional.of(call.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw asTransportFailure(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while connecting");
    } finally {
      calls.remove(id);
    }
  }

  /**
   * Completes the connection to a stateless (2026-07-28) server after its discovery result: the
   * transport already speaks the revision, there is no initialized notification and no standalone
   * stream, and from now on notifications reach the listeners.
   */
  void confirmStateless() {
    initialized = true;
  }

  /**
   * Completes the handshake once the caller accepted the initialize result: the transport learns
   * the negotiated version, {@code notifications/initialized} goes out, and from then on
   * notifications reach the listeners.
   */
  void confirm(String protocolVersion, Duration timeout) throws TransportException {
    transport.negotiated(protocolVersion);
    try {
      transport
          .send(Notification.of(McpMethods.INITIALIZED, null))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TransportException("notifications/initialized not accepted in time");
    } catch (ExecutionException e) {
      throw asTransportFailure(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while initializing");
    }
    transport.initialized();
    initialized = true;
  }

  /** Sends a request and waits; see {@code UpstreamConnection.request} for the contract. */
  Response call(String method, ObjectNode params, CallOptions options) {
    if (Thread.currentThread().isInterrupted()) {
      throw new GatewayException(
          ErrorCode.CANCELLED,
          name + ": " + method + " was cancelled before it was sent",
          detail(),
          null);
    }
    long id = ids.incrementAndGet();
    Optional<JsonNode> progressToken = progressToken(params);
    InFlightCall call = calls.register(id, method, options.origin(), progressToken);
    try {
      if (loss.isDone()) {
        throw unavailable(loss.join().reason());
      }
      ObjectNode sent = progressToken.isPresent() ? withProgressToken(params, id) : params;
      Request request = Request.of(LongNode.valueOf(id), method, sent);
      long start = System.nanoTime();
      long timeout = nanos(options.timeout());
      // On a virtual thread the transport may do the exchange right here: an interrupt then
      // closes the socket it waits on, so cancelling still works. A platform thread would not be
      // woken by an interrupt while it reads; it waits for the answer instead.
      if (!Thread.currentThread().isVirtual()
          || !transport.exchange(request, timeout >= NO_DEADLINE ? 0 : deadline(start, timeout))) {
        transport.send(request);
      }
      long left = timeout - (System.nanoTime() - start);
      return call.answer().get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abandon(id, "timed out after " + seconds(options.timeout()));
      throw new GatewayException(
          ErrorCode.TIMEOUT,
          name + " did not answer " + method + " within " + seconds(options.timeout()),
          detail(),
          null);
    } catch (InterruptedException e) {
      abandon(id, "cancelled by the client");
      Thread.currentThread().interrupt();
      throw new GatewayException(
          ErrorCode.CANCELLED, name + ": " + method + " was cancelled", detail(), null);
    } catch (ExecutionException e) {
      throw asGatewayFailure(method, e.getCause());
    } finally {
      calls.remove(id);
    }
  }

  /** Sends a notification if the session is still alive; failures only log. */
  void notify(String method, ObjectNode params) {
    if (!loss.isDone()) {
      transport.send(Notification.of(method, params));
    }
  }

  /** Waits until the session is lost or closed. */
  Loss awaitLoss() throws InterruptedException {
    try {
      return loss.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean isLost() {
    return loss.isDone();
  }

  /** Ends the session: every waiting call fails, the transport closes. Idempotent. */
  void close() {
    lose("closed", false);
    transport.close();
  }

  @Override
  public void onMessage(Message message, Arrival arrival) {
    switch (message) {
      case Response response -> onResponse(response);
      case Notification notification -> onNotification(notification, arrival.relatedRequest());
      case Request request -> router.route(request, arrival);
    }
  }

  @Override
  public void onRequestFailed(long requestId, TransportException failure) {
    calls.fail(requestId, failure);
  }

  @Override
  public void onSessionExpired() {
    lose("session expired, re-initializing", true);
  }

  @Override
  public void onClosed(String reason) {
    lose(reason, false);
  }

  private void lose(String reason, boolean reconnectNow) {
    if (loss.complete(new Loss(reason, reconnectNow))) {
      calls.failAll(() -> unavailable(reason));
    }
  }

  private void onResponse(Response response) {
    OptionalLong id = idOf(response.id());
    if (id.isEmpty() || !calls.complete(id.getAsLong(), response)) {
      log.debug("{}: dropping a response nobody waits for (id {})", name, response.id());
      StreamedResult.discard(response);
    }
  }

  private void onNotification(Notification notification, OptionalLong relatedRequest) {
    switch (notification.method()) {
      case McpMethods.PROGRESS -> onProgress(notification);
      case McpMethods.CANCELLED -> onCancelled(notification);
      case McpMethods.MESSAGE -> {
        Optional<Exchange> origin =
            relatedRequest.isPresent()
                ? calls.get(relatedRequest.getAsLong()).flatMap(InFlightCall::origin)
                : Optional.empty();
        if (origin.isPresent()) {
          deliver(origin.get(), notification);
        } else {
          passOn(notification);
        }
      }
      default -> passOn(notification);
    }
  }

  /**
   * The upstream gave up on one of its own requests to us, or (2026-07-28 over stdio) ended one of
   * our {@code subscriptions/listen} requests.
   */
  private void onCancelled(Notification notification) {
    OptionalLong id = idOf(notification.params().get("requestId"));
    if (id.isPresent()
        && calls
            .get(id.getAsLong())
            .filter(c -> McpMethods.SUBSCRIPTIONS_LISTEN.equals(c.method()))
            .isPresent()) {
      calls.fail(
          id.getAsLong(),
          new GatewayException(
              ErrorCode.CANCELLED, name + " ended the subscription", detail(), null));
      return;
    }
    router.onCancelled(notification);
  }

  private void onProgress(Notification notification) {
    ObjectNode params = notification.params();
    Optional<InFlightCall> call =
        Optional.ofNullable(params.get("progressToken"))
            .map(LiveSession::idOf)
            .filter(OptionalLong::isPresent)
            .flatMap(token -> calls.get(token.getAsLong()));
    if (call.isEmpty() || call.get().progressToken().isEmpty() || call.get().origin().isEmpty()) {
      log.debug("{}: dropping progress for no waiting call", name);
      return;
    }
    params.set("progressToken", call.get().progressToken().get());
    deliver(call.get().origin().get(), notification);
  }

  private void passOn(Notification notification) {
    if (!initialized) {
      log.debug("{}: dropping {} sent before initialization", name, notification.method());
      return;
    }
    unrouted.accept(notification);
  }

  private void deliver(Exchange origin, Notification notification) {
    try {
      origin.notify(notification);
    } catch (RuntimeException e) {
      log.debug("{}: could not pass {} on: {}", name, notification.method(), e.toString());
    }
  }

  private void reply(Response response) {
    if (!loss.isDone()) {
      transport.send(response);
    }
  }

  private void abandon(long id, String reason) {
    calls.remove(id);
    if (!loss.isDone()) {
      ObjectNode params = Json.object();
      params.put("requestId", id);
      params.put("reason", reason);
      transport.send(Notification.of(McpMethods.CANCELLED, params));
    }
    transport.release(id);
  }

  private GatewayException unavailable(String reason) {
    return new GatewayException(
        ErrorCode.SERVER_UNAVAILABLE, name + " is unavailable: " + reason, detail(), null);
  }

  private GatewayException asGatewayFailure(String method, Throwable cause) {
    if (cause instanceof GatewayException e) {
      return e;
    }
    if (cause instanceof TransportException e) {
      int status = e.httpStatus().orElse(0);
      if (status >= 400 && status < 500) {
        return new GatewayException(
            ErrorCode.UPSTREAM_ERROR,
            name + " rejected " + method + ": " + e.getMessage(),
            detail(),
            null);
      }
      return unavailable(e.getMessage());
    }
    return unavailable(String.valueOf(cause));
  }

  private TransportException asTransportFailure(Throwable cause) {
    if (cause instanceof TransportException e) {
      return e;
    }
    if (cause instanceof GatewayException && loss.isDone()) {
      return new TransportException(loss.join().reason());
    }
    return new TransportException(
        cause.getMessage() == null ? cause.toString() : cause.getMessage());
  }

  private ObjectNode detail() {
    ObjectNode detail = Json.object();
    detail.put("server", name);
    return detail;
  }

  private static Optional<JsonNode> progressToken(ObjectNode params) {
    if (params != null
        && params.get("_meta") instanceof ObjectNode meta
        && meta.get("progressToken") instanceof JsonNode token
        && !token.isNull()) {
      return Optional.of(token);
    }
    return Optional.empty();
  }

  /** A shallow copy of params whose {@code _meta.progressToken} is ours; the caller's is kept. */
  private static ObjectNode withProgressToken(ObjectNode params, long token) {
    ObjectNode copy = Json.object();
    copy.setAll(params);
    ObjectNode meta = Json.object();
    meta.setAll((ObjectNode) params.get("_meta"));
    meta.put("progressToken", token);
    copy.set("_meta", meta);
    return copy;
  }

  /** Timeouts this long (about 70 years) get no deadline: the sum would overflow. */
  private static final long NO_DEADLINE = Long.MAX_VALUE / 4;

  private static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** A System.nanoTime deadline, never 0 (which means none). */
  private static long deadline(long start, long timeout) {
    long deadline = start + timeout;
    return deadline == 0 ? 1 : deadline;
  }

  static OptionalLong idOf(JsonNode id) {
    if (id != null && id.isIntegralNumber() && id.canConvertToLong()) {
      return OptionalLong.of(id.longValue());
    }
    if (id != null && id.isString()) {
      try {
        return OptionalLong.of(Long.parseLong(id.stringValue()));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  static String errorText(Response response) {
    return response
        .error()
        .map(error -> Json.string(error, "message").orElse(Json.text(error)))
        .orElse("unknown error");
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
