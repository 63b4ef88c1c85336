package dev.gatehouse.upstream.internal;

import dev.gatehouse.upstream.UpstreamListener;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a connection's events to its listeners in order, one at a time, off the reader threads:
 * a listener that reacts to {@code list_changed} by calling the same upstream would otherwise wait
 * for a response that its own thread has to read.
 */
final class ListenerEvents {
  private static final Logger log = LoggerFactory.getLogger(ListenerEvents.class);

  private final List<UpstreamListener> listeners = new CopyOnWriteArrayList<>();
  private final Queue<Consumer<UpstreamListener>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Executor executor;

  ListenerEvents(Executor executor) {
    this.executor = executor;
  }

  void add(UpstreamListener listener) {
    listeners.add(listener);
  }

  void post(Consumer<UpstreamListener> event) {
    queue.add(event);
    if (draining.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      Consumer<UpstreamListener> event;
      while ((event = queue.poll()) != null) {
        for (UpstreamListener listener : listeners) {
          try {
            event.accept(listener);
          } catch (RuntimeException e) {
            log.warn("an upstream listener failed", e);
          }
        }
      }
      draining.set(false);
      if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
