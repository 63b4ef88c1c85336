package dev.gatehouse.httpclient;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections to one origin: at most {@code limit} open at once, idle ones kept (the most
 * recently used first, so a burst's extra sockets age out) until their keep-alive time runs out.
 * The lock guards the counts and the idle list only; sockets are opened and closed outside it.
 */
final class ConnectionPool {

  /** Opens a new socket to the origin. */
  interface Connector {
    Connection connect(Origin origin) throws IOException;
  }

  /** A connection to use, and whether it comes from the idle list (and so may be stale). */
  record Lease(Connection connection, boolean idle) {}

  private final Origin origin;
  private final int limit;
  private final long maxIdleNanos;
  private final Connector connector;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final Set<Connection> open = new HashSet<>();
  private int connecting;
  private boolean closed;

  ConnectionPool(Origin origin, int limit, long maxIdleNanos, Connector connector) {
    this.origin = origin;
    this.limit = limit;
    this.maxIdleNanos = maxIdleNanos;
    this.connector = connector;
  }

  /**
   * An idle connection or a new one; waits for one to be freed while {@code limit} are in use.
   *
   * @param allowIdle false to get a fresh socket (the retry after a stale one)
   * @param waitNanos how long to wait for a free slot
   */
  Lease acquire(boolean allowIdle, long waitNanos) throws IOException, InterruptedException {
    List<Connection> expired = new ArrayList<>();
    Connection reused = null;
    lock.lock();
    try {
      long left = waitNanos;
      while (true) {
        if (closed) {
          throw new IOException("the client is closed");
        }
        long now = System.nanoTime();
        while (!idle.isEmpty() && idle.peekLast().idleUntilNanos() - now <= 0) {
          Connection stale = idle.pollLast();
          open.remove(stale);
          expired.add(stale);
        }
        if (allowIdle && !idle.isEmpty()) {
          reused = idle.pollFirst();
          break;
        }
        if (!allowIdle && !idle.isEmpty() && open.size() + connecting >= limit) {
          // Make room for the fresh socket by dropping the oldest idle one.
          Connection oldest = idle.pollLast();
          open.remove(oldest);
          expired.add(oldest);
        }
        if (open.size() + connecting < limit) {
          connecting++;
          break;
        }
        if (left <= 0) {
          throw new IOException(
              "all " + limit + " connections to " + origin + " are busy; try again later");
        }
        left = freed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
      expired.forEach(Connection::close);
    }
    if (reused != null) {
      return new Lease(reused, true);
    }
    return new Lease(connectCounted(), false);
  }

  private Connection connectCounted() throws IOException {
    Connection connection;
    try {
      connection = connector.connect(origin);
    } catch (IOException | RuntimeException e) {
      lock.lock();
      try {
        connecting--;
        freed.signal();
      } finally {
        lock.unlock();
      }
      throw e;
    }
    boolean late;
    lock.lock();
    try {
      connecting--;
      late = closed;
      if (!late) {
        open.add(connection);
      }
      freed.signal();
    } finally {
      lock.unlock();
    }
    if (late) {
      connection.close();
      throw new IOException("the client is closed");
    }
    return connection;
  }

  /**
   * How long a connection may sit idle after this answer: the server's {@code Keep-Alive:
   * timeout=N} less a second (it closes at N; a request sent just then would meet a closing
   * socket), capped by the pool's own limit.
   */
  long idleNanos(HttpHeaders headers) {
    long limitNanos = maxIdleNanos;
    for (String value : headers.allValues("keep-alive")) {
      for (String part : value.split(",")) {
        String item = part.strip();
        if (item.regionMatches(true, 0, "timeout=", 0, 8)) {
          try {
            long seconds = Long.parseLong(item.substring(8).strip());
            long nanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
            long margin = Math.min(java.util.concurrent.TimeUnit.SECONDS.toNanos(1), nanos / 2);
            limitNanos = Math.min(limitNanos, nanos - margin);
          } catch (NumberFormatException e) {
            // not a number: the pool's own limit holds
          }
        }
      }
    }
    return limitNanos;
  }

  /**
   * Takes back a connection whose exchange ended cleanly, to be reused for {@code idleNanos} at
   * most.
   */
  void release(Connection connection, long idleNanos) {
    connection.idleUntil(System.nanoTime() + idleNanos);
    boolean keep;
    lock.lock();
    try {
      keep = !closed && idleNanos > 0 && !connection.isClosed() && open.contains(connection);
      if (keep) {
        idle.addFirst(connection);
      } else {
        open.remove(connection);
      }
      freed.signal();
    } finally {
      lock.unlock();
    }
    if (!keep) {
      connection.close();
    }
  }

  /** Closes a connection and frees its slot. */
  void discard(Connection connection) {
    connection.close();
    lock.lock();
    try {
      open.remove(connection);
      idle.remove(connection);
      freed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Idle plus in-use connections. */
  int openConnections() {
    lock.lock();
    try {
      return open.size();
    } finally {
      lock.unlock();
    }
  }

  /** Closes every connection, in use or idle; later acquires fail. */
  void close() {
    List<Connection> all;
    lock.lock();
    try {
      closed = true;
      all = new ArrayList<>(open);
      open.clear();
      idle.clear();
      freed.signalAll();
    } finally {
      lock.unlock();
    }
    all.forEach(Connection::close);
  }
}
