package dev.gatehouse.server.http;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.server.transport.AbstractDownstreamSession;
import dev.gatehouse.server.transport.Handshake;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Streamable HTTP session: bound to the handler and endpoint path that created it, with an outbox
 * for its GET stream. Holds no thread; an idle one is a few hundred bytes plus the client's
 * handshake.
 */
final class StreamableSession extends AbstractDownstreamSession {
  private final McpHandler handler;
  private final String endpointPath;
  private final SessionOutbox outbox;
  private final AtomicInteger inUse = new AtomicInteger();
  private volatile long lastUsedNanos = System.nanoTime();

  StreamableSession(
      String id, Handshake handshake, McpHandler handler, String endpointPath, int outboxLimit) {
    super(id, handshake);
    this.handler = handler;
    this.endpointPath = endpointPath;
    this.outbox = new SessionOutbox(outboxLimit);
  }

  McpHandler handler() {
    return handler;
  }

  String endpointPath() {
    return endpointPath;
  }

  SessionOutbox outbox() {
    return outbox;
  }

  @Override
  protected void deliver(Message message) {
    outbox.offer(message);
  }

  /** Marks the start of an HTTP exchange (request or stream) on this session. */
  void enter() {
    inUse.incrementAndGet();
    lastUsedNanos = System.nanoTime();
  }

  void exit() {
    lastUsedNanos = System.nanoTime();
    inUse.decrementAndGet();
  }

  /** True when nothing uses the session and nothing did for longer than {@code timeout}. */
  boolean idleFor(Duration timeout, long nowNanos) {
    return inUse.get() == 0 && nowNanos - lastUsedNanos > timeout.toNanos();
  }

  @Override
  public void close() {
    super.close();
    outbox.close();
  }
}
