package dev.gatehouse.hook;

/**
 * Hears about upstreams that could not be reached, were lost, or were refused by a {@link
 * ConnectHook}. Observe only: an observer that throws is logged and ignored.
 */
@FunctionalInterface
public interface ConnectErrorObserver {
  /**
   * @param server the upstream's name
   * @param error why it is unavailable
   */
  void onConnectError(String server, String error);
}
