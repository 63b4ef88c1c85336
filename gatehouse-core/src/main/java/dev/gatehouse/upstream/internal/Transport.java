package dev.gatehouse.upstream.internal;

import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Request;
import java.util.concurrent.CompletableFuture;

/**
 * One way of exchanging JSON-RPC messages with an upstream, used for exactly one session: a new
 * connection attempt gets a new transport.
 */
public interface Transport extends AutoCloseable {

  /**
   * Starts the process or opens the stream. From then on every inbound message, failure and loss
   * goes to {@code sink}.
   *
   * @throws TransportException when the upstream cannot be reached at all
   */
  void open(TransportSink sink) throws TransportException;

  /**
   * Sends one message without waiting on the network. Failures are reported to the sink: a request
   * that the upstream refuses through {@link TransportSink#onRequestFailed}, a lost connection
   * through {@link TransportSink#onClosed}.
   *
   * @return completes when the upstream has taken the message (written to the pipe, HTTP status
   *     received)
   */
  CompletableFuture<Void> send(Message message);

  /**
   * Sends a request and reads what comes back for it on the calling thread, handing it to the sink
   * before returning, where the transport can (Streamable HTTP: the POST and its answer are one
   * exchange). Saves the hand-over to another thread and back. Reading stops without reporting a
   * failure once {@code deadlineNanos} (System.nanoTime) passes or the thread is interrupted: the
   * caller then times out or cancels as it would have anyway.
   *
   * @return false when this transport cannot; the caller then uses {@link #send}
   */
  default boolean exchange(Request request, long deadlineNanos) {
    return false;
  }

  /** The initialize result named this version; HTTP sends it on every later request. */
  default void negotiated(String protocolVersion) {}

  /** The handshake is done; HTTP opens its GET stream. */
  default void initialized() {}

  /** The request will not be waited for any more; HTTP closes its response stream. */
  default void release(long requestId) {}

  /** What this transport talks to, for log lines and errors. */
  String describe();

  /** Ends the session (DELETE, closed stdin, killed process); idempotent; reports no loss. */
  @Override
  void close();
}
