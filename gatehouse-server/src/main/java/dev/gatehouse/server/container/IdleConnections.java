package dev.gatehouse.server.container;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections whose socket read or write has been blocked past the idle timeout. One thread
 * looks once a second rather than each read carrying a timeout: on a virtual thread a timed read
 * schedules and cancels a timer task every time, which costs more than the read.
 */
final class IdleConnections implements AutoCloseable {
  private static final long TICK_MILLIS = 1000;

  private final Set<ServerConnection> open;
  private final Thread watcher;
  private volatile boolean running = true;

  IdleConnections(Set<ServerConnection> open, String name) {
    this.open = open;
    this.watcher = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    watcher.start();
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (ServerConnection connection : open) {
        long deadline = connection.deadline();
        if (deadline != 0 && now - deadline >= 0) {
          connection.close();
        }
      }
    }
  }

  static long nanos(java.time.Duration timeout) {
    return Math.max(TimeUnit.MILLISECONDS.toNanos(1), timeout.toNanos());
  }

  @Override
  public void close() {
    running = false;
    watcher.interrupt();
  }

  static Set<ServerConnection> newSet() {
    return ConcurrentHashMap.newKeySet();
  }
}
