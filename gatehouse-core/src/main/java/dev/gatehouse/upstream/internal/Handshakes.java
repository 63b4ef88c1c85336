package dev.gatehouse.upstream.internal;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opens one session over one transport kind in the upstream's own protocol era. Unless the upstream
 * is known to be session-era (or the transport is legacy SSE), a {@code server/discover} probe
 * comes first: a stateless (2026-07-28) server is then ready; any other answer means a session-era
 * server, reached with {@code initialize} over a fresh transport. The era found is remembered for
 * the next reconnect and forgotten when it turns out wrong.
 */
final class Handshakes {
  private static final Logger log = LoggerFactory.getLogger(Handshakes.class);
  private static final List<Integer> NOT_STREAMABLE = List.of(400, 404, 405);
  private static final Duration STDIO_PROBE_LIMIT = Duration.ofSeconds(10);

  /** Which era the upstream speaks, as far as the last connection found out. */
  private enum Era {
    UNKNOWN,
    SESSION,
    STATELESS
  }

  /** A session ready for requests, and how to speak to it. */
  record Opened(
      LiveSession session,
      ServerInfo info,
      TransportKind kind,
      Optional<StatelessCalls> stateless) {}

  /** Where new sessions come from: the connection registers each as its current one. */
  interface Sessions {
    /** A new session over a new transport of this kind; empty once the connection is closed. */
    Optional<LiveSession> create(TransportKind kind) throws TransportException;
  }

  private final String name;
  private final UpstreamOptions options;
  private final Sessions sessions;
  private final Consumer<Notification> announce;
  private volatile Era era = Era.UNKNOWN;

  Handshakes(
      String name, UpstreamOptions options, Sessions sessions, Consumer<Notification> announce) {
    this.name = name;
    this.options = options;
    this.sessions = sessions;
    this.announce = announce;
  }

  /** Opens a session over {@code kind}; empty once the connection is closed. */
  Optional<Opened> open(TransportKind kind) throws TransportException {
    if (kind != TransportKind.SSE && era != Era.SESSION) {
      Optional<LiveSession> probe = sessions.create(kind);
      if (probe.isEmpty()) {
        return Optional.empty();
      }
      Optional<Opened> stateless = probe(probe.get(), kind);
      if (stateless.isPresent()) {
        return stateless;
      }
    }
    Optional<LiveSession> session = sessions.create(kind);
    return session.isEmpty() ? Optional.empty() : Optional.of(initialize(session.get(), kind));
  }

  /** Probes with {@code server/discover}; empty when the upstream turned out session-era. */
  private Optional<Opened> probe(LiveSession session, TransportKind kind)
      throws TransportException {
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
          era = Era.STATELESS;
          StatelessCalls calls = new StatelessCalls(name, session, found.info(), options, announce);
          yield Optional.of(new Opened(session, found.info(), kind, Optional.of(calls)));
        }
        case DiscoveryProbe.SessionEra legacy -> sessionEra(session, legacy.why());
        case DiscoveryProbe.Refused refused -> throw new TransportException(refused.why());
      };
    } catch (TransportException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private Optional<Opened> sessionEra(LiveSession probe, String why) {
    log.debug("{}: speaks the session era ({}); initializing", name, why);
    era = Era.SESSION;
    probe.close();
    return Optional.empty();
  }

  private Opened initialize(LiveSession session, TransportKind kind) throws TransportException {
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
      return new Opened(session, info, kind, Optional.empty());
    } catch (TransportException | RuntimeException e) {
      session.close();
      throw e;
    }
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
}
