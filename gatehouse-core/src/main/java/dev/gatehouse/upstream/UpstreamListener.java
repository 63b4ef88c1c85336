package dev.gatehouse.upstream;

import dev.gatehouse.protocol.Notification;

/**
 * What an upstream connection reports to the engine. Events of one connection arrive in order on
 * one thread at a time, never on a transport's reader thread, so a listener may call the same
 * connection (re-list tools on {@code list_changed}); a listener that blocks delays the events
 * after it.
 */
public interface UpstreamListener {

  /**
   * A notification from the upstream that is not about one in-flight request: list_changed,
   * resources/updated, log messages sent outside a request. Notifications sent before the handshake
   * completed are not reported (the engine reads the lists once the state is READY).
   */
  default void onNotification(UpstreamConnection upstream, Notification notification) {}

  /** The connection changed state (ready after a (re)connect, unavailable after a loss). */
  default void onStateChanged(UpstreamConnection upstream, UpstreamState state) {}
}
