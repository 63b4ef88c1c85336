package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Request;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The faults scripted on a {@link TestServer}, first match wins. A rule with a count is used up
 * after that many matches. Thread-safe; no I/O happens under its lock.
 */
final class FaultPlan {
  private final List<Slot> slots = new ArrayList<>();

  synchronized void add(FaultRule rule) {
    slots.add(new Slot(rule, rule.times()));
  }

  synchronized void clear() {
    slots.clear();
  }

  /** The fault for this request, if a rule matches; counts the use. */
  synchronized Optional<Fault> take(Request request) {
    for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
      Slot slot = it.next();
      if (slot.rule.matches(request)) {
        if (slot.remaining > 0 && --slot.remaining == 0) {
          it.remove();
        }
        return Optional.of(slot.rule.fault());
      }
    }
    return Optional.empty();
  }

  /**
   * Takes a {@link Fault.DropConnection} for this request when the first matching rule is one;
   * transports call this before handing the request on, so they can drop the real connection.
   */
  synchronized boolean takeDrop(Request request) {
    for (Slot slot : slots) {
      if (slot.rule.matches(request)) {
        if (slot.rule.fault() instanceof Fault.DropConnection) {
          take(request);
          return true;
        }
        return false;
      }
    }
    return false;
  }

  private static final class Slot {
    final FaultRule rule;
    int remaining;

    Slot(FaultRule rule, int remaining) {
      this.rule = rule;
      this.remaining = remaining;
    }
  }
}
