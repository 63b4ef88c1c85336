package dev.gatehouse.upstream;

import dev.gatehouse.protocol.Notification;

/** What an upstream connection reports to the engine. */
public interface UpstreamListener {

  /**
   * A notification from the upstream that is not about one in-flight request: list_changed,
   * resources/updated, log messages sent outside a request.
   */
  default void onNotification(UpstreamConnection upstream, Notification notification) {}

  /** The connection changed state (ready after a (re)connect, unavailable after a loss). */
  default void onStateChanged(UpstreamConnection upstream, UpstreamState state) {}
}
