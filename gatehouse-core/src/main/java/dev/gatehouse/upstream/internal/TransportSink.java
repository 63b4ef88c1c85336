package dev.gatehouse.upstream.internal;

import dev.gatehouse.protocol.Message;

/** Where a transport delivers what it receives. Called from the transport's reader threads. */
public interface TransportSink {

  /** One message from the upstream, with the stream it came on. */
  void onMessage(Message message, Arrival arrival);

  /** The upstream refused or dropped one request at the transport level (HTTP status, no body). */
  void onRequestFailed(long requestId, TransportException failure);

  /** The upstream answered 404 to our session id: it forgot the session. */
  void onSessionExpired();

  /** The connection is gone (process exited, stream closed, connection refused). */
  void onClosed(String reason);
}
