package dev.gatehouse.server.http;

import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsolicited messages of one session on their way to its GET stream. While no stream is open they
 * wait in a bounded queue (the oldest is dropped when it is full). At most one stream listens; a
 * newer GET stream takes over from an older one, so a client that reconnects after a network loss
 * is not locked out by its own dead connection.
 */
final class SessionOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(SessionOutbox.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final int limit;
  private ArrayDeque<Message> queue; // allocated on demand: most sessions never use it
  private long listener; // generation of the listening stream; 0 when none
  private long generations;
  private boolean closed;

  SessionOutbox(int limit) {
    this.limit = limit;
  }

  /** Queues a message for the listening stream, or for the next one. */
  void offer(Message message) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (queue == null) {
        queue = new ArrayDeque<>();
      }
      if (queue.size() >= limit) {
        Message dropped = queue.pollFirst();
        LOG.warn(
            "No GET stream drains this session's messages; dropped the oldest of {}: {}",
            limit,
            describe(dropped));
      }
      queue.addLast(message);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Puts back a message a stream took but could not write. */
  void requeue(Message message) {
    lock.lock();
    try {
      if (!closed) {
        if (queue == null) {
          queue = new ArrayDeque<>();
        }
        queue.addFirst(message);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Makes a new stream the listener; returns its generation. */
  long attach() {
    lock.lock();
    try {
      listener = ++generations;
      changed.signalAll();
      return listener;
    } finally {
      lock.unlock();
    }
  }

  void detach(long generation) {
    lock.lock();
    try {
      if (listener == generation) {
        listener = 0;
      }
    } finally {
      lock.unlock();
    }
  }

  /** True while this generation is the listener and the session lives. */
  boolean isCurrent(long generation) {
    lock.lock();
    try {
      return !closed && listener == generation;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next message for this listener, or empty when none came within {@code wait} or the listener
   * was replaced or the session ended ({@link #isCurrent} tells which).
   */
  Optional<Message> poll(long generation, Duration wait) throws InterruptedException {
    long nanos = wait.toNanos();
    lock.lock();
    try {
      while (!closed && listener == generation && (queue == null || queue.isEmpty())) {
        if (nanos <= 0) {
          return Optional.empty();
        }
        nanos = changed.awaitNanos(nanos);
      }
      if (closed || listener != generation) {
        return Optional.empty();
      }
      Message next = queue.pollFirst();
      if (queue.isEmpty()) {
        queue = null;
      }
      return Optional.of(next);
    } finally {
      lock.unlock();
    }
  }

  /** Ends the outbox: pending messages are discarded and listeners wake up. */
  void close() {
    lock.lock();
    try {
      closed = true;
      queue = null;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static String describe(Message message) {
    return switch (message) {
      case Request r -> "request " + r.method();
      case Notification n -> "notification " + n.method();
      case Response r -> "response";
    };
  }
}
