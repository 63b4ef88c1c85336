package dev.gatehouse.hook;

import dev.gatehouse.protocol.GatewayException;

/**
 * Hears about every call that ends in an error: denied, rejected, timed out waiting for approval,
 * cancelled, or failed upstream. Observe only: the caller gets the original error whatever the
 * observer does, and an observer that throws is logged and ignored.
 */
@FunctionalInterface
public interface CallErrorObserver {
  void onError(ToolCall call, GatewayException error);
}
