package dev.gatehouse.upstream.internal;

import dev.gatehouse.modern.MetaKeys;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamListener;
import dev.gatehouse.upstream.UpstreamOptions;
import dev.gatehouse.upstream.UpstreamState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link UpstreamConnection} that keeps itself connected. One background loop opens a transport,
 * runs the handshake, serves until the session is lost, then waits out the backoff and starts over,
 * forever until closed. Requests never wait for a reconnect: while no session is ready they fail at
 * once with {@code SERVER_UNAVAILABLE}.
 */
public final class ReconnectingConnection implements UpstreamConnection {
  private static final Logger log = LoggerFactory.getLogger(ReconnectingConnection.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private static final List<Integer> NOT_STREAMABLE = List.of(400, 404, 405);

  private final UpstreamConfig config;
  private final UpstreamOptions options;
  private final Executor executor;
  private final TransportFactory transports;
  private final ListenerEvents events;
  private final Handshakes handshakes;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch closedSignal = new CountDownLatch(1);
  private final CountDownLatch loopDone = new CountDownLatch(1);
  private final Random random = new Random();
  private final Object lock = new Object();
  private volatile UpstreamState state = UpstreamState.CONNECTING;
  private volatile String lastError;
  private volatile ServerInfo serverInfo;
  private volatile LiveSession ready;
  private volatile TransportKind transportInUse;
  private volatile StatelessCalls stateless;
  private LiveSession current;
  private boolean closed;

  public ReconnectingConnection(UpstreamConfig config, UpstreamOptions options) {
    this.config = config;
    this.options = options;
    this.executor =
        options
            .executor()
            .orElse(
                task -> Thread.ofVirtual().name("gatehouse-upstream-" + config.name()).start(task));
    this.transports = new TransportFactory(config, options, executor);
    this.events = new ListenerEvents(executor);
    this.handshakes = new Handshakes(config.name(), options, this::newSession, this::announce);
  }

  @Override
  public UpstreamConfig config() {
    return config;
  }

  @Override
  public UpstreamState state() {
    return state;
  }

  @Override
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  @Override
  public Optional<ServerInfo> serverInfo() {
    return Optional.ofNullable(serverInfo);
  }

  /** The transport of the live session (the detected one for {@code AUTO}); empty when none. */
  public Optional<TransportKind> transportInUse() {
    return ready == null ? Optional.empty() : Optional.ofNullable(transportInUse);
  }

  @Override
  public void start() {
    if (started.compareAndSet(false, true)) {
      executor.execute(this::run);
    }
  }

  @Override
  public Response request(String method, ObjectNode params, CallOptions options) {
    LiveSession session = ready;
    if (session == null || state != UpstreamState.READY) {
      throw new GatewayException(
          ErrorCode.SERVER_UNAVAILABLE,
          config.name() + " is unavailable: " + whyUnavailable(),
          serverDetail(),
          null);
    }
    StatelessCalls calls = stateless;
    if (calls != null && calls.session() == session) {
      return calls.call(method, params, options);
    }
    return session.call(method, params, options);
  }

  @Override
  public void notify(String method, ObjectNode params) {
    LiveSession session = ready;
    StatelessCalls calls = stateless;
    if (session != null && calls != null && calls.session() == session) {
      calls.notify(method, params);
    } else if (session != null) {
      session.notify(method, params);
    } else {
      log.debug("{}: dropping {} while not ready", config.name(), method);
    }
  }

  @Override
  public void addListener(UpstreamListener listener) {
    events.add(listener);
  }

  @Override
  public void close() {
    LiveSession session;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      session = current;
    }
    closedSignal.countDown();
    ready = null;
    if (session != null) {
      session.close();
    }
    if (started.get()) {
      try {
        if (!loopDone.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("{}: the connection loop did not stop in time", config.name());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lastError = "closed";
    setState(UpstreamState.CLOSED);
  }

  private void run() {
    int failures = 0;
    try {
      while (!isClosed()) {
        boolean reconnectNow = false;
        LiveSession session = null;
        try {
          session = connect();
          if (session == null) {
            return;
          }
          becomeReady(session);
          StatelessCalls calls = stateless;
          if (calls != null && calls.session() == session) {
            calls.start();
          }
          failures = 0;
          LiveSession.Loss loss = session.awaitLoss();
          ready = null;
          if (isClosed()) {
            return;
          }
          log.warn("{} lost: {}", config.name(), loss.reason());
          becomeUnavailable(loss.reason());
          reconnectNow = loss.reconnectNow();
        } catch (TransportException e) {
          if (isClosed()) {
            return;
          }
          // The same failure every backoff period would flood the log; say it once per change.
          if (e.getMessage() != null && e.getMessage().equals(lastError)) {
            log.debug("{}: still cannot connect: {}", config.name(), e.getMessage());
          } else {
            log.warn("{}: cannot connect: {}", config.name(), e.getMessage());
          }
          becomeUnavailable(e.getMessage());
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.error("{}: connecting failed unexpectedly", config.name(), e);
          becomeUnavailable("unexpected failure: " + e);
        } finally {
          ready = null;
          StatelessCalls calls = stateless;
          if (calls != null) {
            stateless = null;
            calls.close();
          }
          if (session != null) {
            session.close();
          }
        }
        if (!reconnectNow && waitForClose(options.backoff().delay(failures++, random))) {
          return;
        }
      }
    } finally {
      loopDone.countDown();
    }
  }

  /** Opens and initializes a session; for {@code AUTO}, Streamable HTTP first, then SSE. */
  private LiveSession connect() throws TransportException {
    if (config.transport() != TransportKind.AUTO) {
      return attempt(config.transport());
    }
    try {
      return attempt(TransportKind.HTTP);
    } catch (TransportException e) {
      int status = e.httpStatus().orElse(0);
      if (!NOT_STREAMABLE.contains(status) || isClosed()) {
        throw e;
      }
      log.debug("{}: POST initialize answered {}; trying legacy SSE", config.name(), status);
      try {
        return attempt(TransportKind.SSE);
      } catch (TransportException sse) {
        throw new TransportException(
            "neither Streamable HTTP (" + e.getMessage() + ") nor SSE (" + sse.getMessage() + ")",
            sse.httpStatus().orElse(-1),
            sse);
      }
    }
  }

  /** One connection attempt over one transport kind, in the upstream's era; null once closed. */
  private LiveSession attempt(TransportKind kind) throws TransportException {
    Optional<Handshakes.Opened> opened = handshakes.open(kind);
    if (opened.isEmpty()) {
      return null;
    }
    serverInfo = opened.get().info();
    transportInUse = kind;
    stateless = opened.get().stateless().orElse(null);
    return opened.get().session();
  }

  /** A new session over a new transport, registered as current; empty once closed. */
  private Optional<LiveSession> newSession(TransportKind kind) throws TransportException {
    LiveSession session =
        new LiveSession(
            config.name(),
            transports.create(kind),
            ids,
            this::announce,
            executor,
            this::fallback,
            config.timeout());
    synchronized (lock) {
      if (closed) {
        return Optional.empty();
      }
      current = session;
    }
    return Optional.of(session);
  }

  /**
   * Reports a notification to the listeners. Listen-stream bookkeeping of 2026-07-28 upstreams (the
   * acknowledgment, the subscription id) stays here: to the engine every upstream speaks alike.
   */
  private void announce(Notification notification) {
    if (McpMethods.SUBSCRIPTIONS_ACKNOWLEDGED.equals(notification.method())) {
      return;
    }
    MetaKeys.remove(notification.params(), MetaKeys.SUBSCRIPTION_ID);
    events.post(l -> l.onNotification(this, notification));
  }

  private Response fallback(Request request) {
    return options.fallback().answer(this, request);
  }

  private void becomeReady(LiveSession session) {
    ServerInfo info = serverInfo;
    log.info(
        "{} ready over {}: {} {} (protocol {})",
        config.name(),
        session.transport().describe(),
        Json.string(info.serverInfo(), "name").orElse("?"),
        Json.string(info.serverInfo(), "version").orElse(""),
        info.protocolVersion());
    lastError = null;
    ready = session;
    setState(UpstreamState.READY);
    // A loss that raced the line above must not leave a dead session marked ready.
    if (session.isLost()) {
      ready = null;
    }
  }

  private void becomeUnavailable(String reason) {
    lastError = reason;
    setState(UpstreamState.UNAVAILABLE);
  }

  private void setState(UpstreamState next) {
    synchronized (lock) {
      if (state == next || state == UpstreamState.CLOSED) {
        return;
      }
      if (closed && next != UpstreamState.CLOSED) {
        return;
      }
      state = next;
      events.post(listener -> listener.onStateChanged(this, next));
    }
  }

  private String whyUnavailable() {
    String reason = lastError;
    if (reason != null) {
      return reason;
    }
    return state == UpstreamState.CLOSED ? "closed" : "connecting";
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** Sleeps for the backoff delay; true when the connection was closed meanwhile. */
  private boolean waitForClose(Duration delay) {
    try {
      return closedSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return true;
    }
  }

  private ObjectNode serverDetail() {
    ObjectNode detail = Json.object();
    detail.put("server", config.name());
    return detail;
  }

  @Override
  public String toString() {
    return "upstream " + config.name() + " (" + state + ")";
  }
}
