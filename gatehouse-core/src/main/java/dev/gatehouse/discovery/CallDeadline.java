package dev.gatehouse.discovery;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A caller-chosen time limit on a call that runs on the calling thread. When it passes, the thread
 * is interrupted, which cancels an upstream request (and sends {@code notifications/cancelled}
 * upstream); the cancellation is then reported as {@code TIMEOUT}.
 */
final class CallDeadline {
  private final Thread caller = Thread.currentThread();
  private boolean finished;
  private boolean expired;

  private CallDeadline() {}

  static <T> T run(Duration limit, Supplier<T> call) {
    CallDeadline deadline = new CallDeadline();
    Thread timer =
        Thread.ofVirtual()
            .name("execute-tool-deadline")
            .start(() -> {
              try {
                Thread.sleep(limit);
              } catch (InterruptedException e) {
                return;
              }
              deadline.expire();
            });
    try {
      return call.get();
    } catch (GatewayException e) {
      if (deadline.expired() && e.code() == ErrorCode.CANCELLED) {
        throw new GatewayException(
            ErrorCode.TIMEOUT, "The tool did not answer within " + limit.toMillis() + " ms");
      }
      throw e;
    } finally {
      timer.interrupt();
      if (deadline.finish()) {
        // The interrupt was meant for the call alone; it must not reach the caller's next step.
        Thread.interrupted();
      }
    }
  }

  private synchronized void expire() {
    if (!finished) {
      expired = true;
      caller.interrupt();
    }
  }

  private synchronized boolean expired() {
    return expired;
  }

  /** Stops the deadline; true when it had interrupted the caller. */
  private synchronized boolean finish() {
    finished = true;
    return expired;
  }
}
