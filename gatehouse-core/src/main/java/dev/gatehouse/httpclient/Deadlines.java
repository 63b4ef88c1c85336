package dev.gatehouse.httpclient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes the connections whose exchange ran past its deadline. One thread for the whole process
 * looks a few times a second, instead of a timed wait on every socket read: on virtual threads each
 * timed wait schedules and cancels a timer task, which costs more than the read itself. A deadline
 * is met within {@link #TICK_NANOS} or so; the thread sleeps while nothing is watched.
 */
final class Deadlines {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
  private static final int IDLE_TICKS = 40;
  private static final Set<Connection> WATCHED = ConcurrentHashMap.newKeySet();
  private static final Thread WATCHER =
      Thread.ofPlatform().daemon().name("gatehouse-http-deadlines").unstarted(Deadlines::run);
  private static volatile boolean asleep;

  static {
    WATCHER.start();
  }

  private Deadlines() {}

  /** Watches a connection until {@link #forget}; it is closed once its deadline passed. */
  static void watch(Connection connection) {
    WATCHED.add(connection);
    if (asleep) {
      LockSupport.unpark(WATCHER);
    }
  }

  static void forget(Connection connection) {
    WATCHED.remove(connection);
  }

  private static void run() {
    int idleTicks = 0;
    while (true) {
      if (WATCHED.isEmpty() && ++idleTicks > IDLE_TICKS) {
        asleep = true;
        // A watch() after the flag went up unparks; one before it is seen here.
        if (WATCHED.isEmpty()) {
          LockSupport.park();
        }
        asleep = false;
        idleTicks = 0;
        continue;
      }
      LockSupport.parkNanos(TICK_NANOS);
      long now = System.nanoTime();
      for (Connection connection : WATCHED) {
        long deadline = connection.deadlineNanos();
        if (deadline != 0 && now - deadline >= 0) {
          WATCHED.remove(connection);
          connection.expire();
        }
      }
      if (!WATCHED.isEmpty()) {
        idleTicks = 0;
      }
    }
  }
}
