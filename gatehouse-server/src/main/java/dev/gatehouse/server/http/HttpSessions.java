package dev.gatehouse.server.http;

import dev.gatehouse.server.transport.HandlerCalls;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live sessions of one servlet: creation of ids, lookup, ending, and expiry of idle ones. */
final class HttpSessions {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSessions.class);
  private static final Duration LONGEST_SWEEP = Duration.ofSeconds(30);
  private static final Duration SHORTEST_SWEEP = Duration.ofMillis(20);

  private final ConcurrentHashMap<String, StreamableSession> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration idleTimeout;
  private ScheduledExecutorService sweeper;

  HttpSessions(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  /** 32 random bytes in URL-safe base64: visible ASCII only, as the spec demands. */
  String newId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  void add(StreamableSession session) {
    sessions.put(session.id(), session);
  }

  Optional<StreamableSession> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  int size() {
    return sessions.size();
  }

  /** Ends a session and tells its handler; does nothing when it already ended. */
  void end(StreamableSession session) {
    if (sessions.remove(session.id(), session)) {
      session.close();
      HandlerCalls.onSessionClosed(session.handler(), session);
    }
  }

  void endAll() {
    sessions.values().forEach(this::end);
  }

  synchronized void startExpiry() {
    if (sweeper != null) {
      return;
    }
    long period = sweepPeriod().toNanos();
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("gatehouse-session-expiry").factory());
    sweeper.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.NANOSECONDS);
  }

  synchronized void stopExpiry() {
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
  }

  private void expireIdle() {
    try {
      long now = System.nanoTime();
      for (StreamableSession session : sessions.values()) {
        if (session.idleFor(idleTimeout, now)) {
          LOG.debug("Session idle for more than {}; ending it", idleTimeout);
          end(session);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("Session expiry failed", e);
    }
  }

  private Duration sweepPeriod() {
    Duration quarter = idleTimeout.dividedBy(4);
    if (quarter.compareTo(LONGEST_SWEEP) > 0) {
      return LONGEST_SWEEP;
    }
    return quarter.compareTo(SHORTEST_SWEEP) < 0 ? SHORTEST_SWEEP : quarter;
  }
}
