package dev.gatehouse.upstream.internal;

import dev.gatehouse.protocol.Message;
import java.util.OptionalLong;

/** Where a transport delivers what it receives. Called from the transport's reader threads. */
public interface TransportSink {

  /**
   * One message from the upstream.
   *
   * @param relatedRequest on Streamable HTTP, the id of the request whose POST response stream
   *     carried the message; empty on the GET stream, stdio and legacy SSE
   */
  void onMessage(Message message, OptionalLong relatedRequest);

  /** The upstream refused or dropped one request at the transport level (HTTP status, no body). */
  void onRequestFailed(long requestId, TransportException failure);

  /** The upstream answered 404 to our session id: it forgot the session. */
  void onSessionExpired();

  /** The connection is gone (process exited, stream closed, connection refused). */
  void onClosed(String reason);
}
