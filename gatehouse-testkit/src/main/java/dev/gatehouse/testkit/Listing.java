package dev.gatehouse.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Named entries kept in the order they were added; thread-safe, read as snapshots. */
final class Listing<E> {
  private final Map<String, E> entries = new LinkedHashMap<>();

  synchronized void put(String name, E entry) {
    entries.put(name, entry);
  }

  synchronized boolean remove(String name) {
    return entries.remove(name) != null;
  }

  synchronized Optional<E> get(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  synchronized List<E> snapshot() {
    return new ArrayList<>(entries.values());
  }

  synchronized boolean isEmpty() {
    return entries.isEmpty();
  }
}
