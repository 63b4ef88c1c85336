package dev.gatehouse.upstream.internal;

import java.util.OptionalLong;

/**
 * The stream a message arrived on, which is all a client knows about what the message relates to.
 *
 * @param relatedRequest the request whose Streamable HTTP response stream carried the message
 * @param sharedStream true on a transport with one stream for everything (stdio, legacy SSE), where
 *     a message may relate to any in-flight request; false on the Streamable HTTP GET stream, whose
 *     messages the specification says relate to no request
 */
record Arrival(OptionalLong relatedRequest, boolean sharedStream) {

  /** stdio and legacy SSE. */
  static final Arrival SHARED_STREAM = new Arrival(OptionalLong.empty(), true);

  /** The Streamable HTTP GET stream. */
  static final Arrival STANDALONE_STREAM = new Arrival(OptionalLong.empty(), false);

  /** The response stream of one Streamable HTTP POST. */
  static Arrival responseStreamOf(long requestId) {
    return new Arrival(OptionalLong.of(requestId), false);
  }
}
