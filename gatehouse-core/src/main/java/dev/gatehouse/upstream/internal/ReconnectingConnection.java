package dev.gatehouse.upstream.internal;

import dev.gatehouse.modern.MetaKeys;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
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
  private static final Duration STDIO_PROBE_LIMIT = Duration.ofSeconds(10);

  /**
   * Which protocol era the upstream speaks, as far as the last connection found out. Remembered
   * across reconnects so the probe runs once; forgotten when the assumption fails.
   */
  private enum Era {
    UNKNOWN,
    SESSION,
    STATELESS
  }

  private final UpstreamConfig config;
  private final UpstreamOptions options;
  private final Executor executor;
  private final TransportFactory transports;
  private final ListenerEvents events;
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
  private volatile Era era = Era.UNKNOWN;
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

  /**
   * One connection over one transport kind. Unless the upstream is known to be session-era (or the
   * transport is legacy SSE), a {@code server/discover} probe comes first: a stateless server is
   * then ready, anything else is reached with {@code initialize}.
   */
  private LiveSession attempt(TransportKind kind) throws TransportException {
    if (kind != TransportKind.SSE && era != Era.SESSION) {
      Optional<LiveSession> statelessSession = attemptStateless(kind);
      if (statelessSession.isPresent() || isClosed()) {
        return statelessSession.orElse(null);
      }
    }
    return attemptSession(kind);
  }

  /** Probes with {@code server/discover}; empty when the upstream turned out session-era. */
  private Optional<LiveSession> attemptStateless(TransportKind kind) throws TransportException {
    LiveSession session = newSession(kind);
    if (session == null) {
      return Optional.empty();
    }
    try {
      session.open();
      session.transport().negotiated(ProtocolVersion.LATEST_STATELESS);
      Optional<Response> answer;
      try {
        answer =
            session.handshake(
                McpMethods.SERVER_DISCOVER, DiscoveryProbe.params(options), probeTimeout(kind));
      } catch (TransportException e) {
        if (!refusedBySessionEraServer(kind, e)) {
          throw e;
        }
        return sessionEra(session, e.getMessage());
      }
      if (answer.isEmpty()) {
        if (kind == TransportKind.STDIO) {
          return sessionEra(session, "no answer to server/discover");
        }
        throw new TransportException(
            "no answer to server/discover within " + LiveSession.seconds(probeTimeout(kind)));
      }
      return switch (DiscoveryProbe.judge(answer.get())) {
        case DiscoveryProbe.Stateless found -> {
          session.transport().negotiated(found.version());
          session.confirmStateless();
          serverInfo = found.info();
          transportInUse = kind;
          era = Era.STATELESS;
          stateless =
              new StatelessCalls(config.name(), session, found.info(), options, this::announce);
          yield Optional.of(session);
        }
        case DiscoveryProbe.SessionEra legacy -> sessionEra(session, legacy.why());
        case DiscoveryProbe.Refused refused -> throw new TransportException(refused.why());
      };
    } catch (TransportException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private Optional<LiveSession> sessionEra(LiveSession probe, String why) {
    log.debug("{}: speaks the session era ({}); initializing", config.name(), why);
    era = Era.SESSION;
    probe.close();
    return Optional.empty();
  }

  /**
   * A probe failure that still tells the era: over HTTP a 400, 404 or 405 without a 2026-07-28
   * error (such an error would have come back as the answer), over stdio a server that exits or
   * hangs up on the unknown request. Anything else is an outage.
   */
  private static boolean refusedBySessionEraServer(TransportKind kind, TransportException e) {
    return kind == TransportKind.STDIO || NOT_STREAMABLE.contains(e.httpStatus().orElse(0));
  }

  /**
   * A silent stdio server is a session-era one that ignores requests before initialize; a short
   * wait keeps that from delaying every start. Over HTTP silence is an outage, not a verdict.
   */
  private Duration probeTimeout(TransportKind kind) {
    Duration handshake = options.handshakeTimeout();
    return kind == TransportKind.STDIO && handshake.compareTo(STDIO_PROBE_LIMIT) > 0
        ? STDIO_PROBE_LIMIT
        : handshake;
  }

  private LiveSession attemptSession(TransportKind kind) throws TransportException {
    LiveSession session = newSession(kind);
    if (session == null) {
      return null;
    }
    try {
      session.open();
      Response answer = session.initialize(initializeParams(), options.handshakeTimeout());
      if (answer.isError()) {
        if (DiscoveryProbe.namesStatelessVersions(answer)) {
          // The server moved on to the stateless revision: probe again next time.
          era = Era.UNKNOWN;
        }
        throw new TransportException("initialize failed: " + LiveSession.errorText(answer));
      }
      if (!(answer.result().orElse(null) instanceof ObjectNode result)) {
        throw new TransportException("initialize answered without a result object");
      }
      ServerInfo info = serverInfoOf(result);
      session.confirm(info.protocolVersion(), options.handshakeTimeout());
      serverInfo = info;
      transportInUse = kind;
      return session;
    } catch (TransportException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** A new session over a new transport, registered as current; null once closed. */
  private LiveSession newSession(TransportKind kind) throws TransportException {
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
        return null;
      }
      current = session;
    }
    return session;
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

  private ObjectNode initializeParams() {
    ObjectNode params = Json.object();
    params.put("protocolVersion", options.protocolVersion());
    params.set("capabilities", options.clientCapabilities().deepCopy());
    params.set("clientInfo", options.clientInfo().deepCopy());
    return params;
  }

  private static ServerInfo serverInfoOf(ObjectNode result) throws TransportException {
    String version = Json.string(result, "protocolVersion").orElse("");
    if (!ProtocolVersion.isSessionEra(version)) {
      throw new TransportException(
          "the server answered protocol version \""
              + version
              + "\"; the gateway speaks "
              + String.join(", ", ProtocolVersion.SESSION_ERA));
    }
    return new ServerInfo(
        version,
        result.get("capabilities") instanceof ObjectNode caps ? caps : Json.object(),
        result.get("serverInfo") instanceof ObjectNode info ? info : Json.object(),
        Json.string(result, "instructions"));
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
