package dev.gatehouse.upstream;

/** Where an upstream connection stands. */
public enum UpstreamState {
  /** Connecting or initializing, for the first time or after a loss. */
  CONNECTING,
  /** Initialized and serving requests. */
  READY,
  /** Could not connect or lost; retrying with backoff. Requests fail with SERVER_UNAVAILABLE. */
  UNAVAILABLE,
  /** Closed for good. */
  CLOSED
}
