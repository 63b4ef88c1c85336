package dev.gatehouse.listing;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.policy.View;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One endpoint's lists, kept for the current catalog snapshot: per list and caller's view, the
 * items that pass and their JSON text. A new snapshot starts afresh. Views are told apart by
 * identity (an endpoint's view object stays the same until its rules change); the most recently
 * used {@link #MAX_ENTRIES} are kept, so views made anew for every request only cost what they
 * always did. Thread-safe; nothing is computed under the lock.
 */
public final class Listings {
  static final int MAX_ENTRIES = 64;

  private record Key(String list, View view) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && list.equals(other.list) && view == other.view;
    }

    @Override
    public int hashCode() {
      return list.hashCode() * 31 + System.identityHashCode(view);
    }
  }

  private final Object lock = new Object();
  private final Map<Key, Listing> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Listing> eldest) {
          return size() > MAX_ENTRIES;
        }
      };
  private Catalog catalog;

  /**
   * The listing of {@code list} in {@code catalog} for {@code view}; {@code items} computes it when
   * it is not kept, and must depend on nothing but the catalog and the view.
   */
  public Listing of(String list, Catalog catalog, View view, Supplier<List<ObjectNode>> items) {
    Key key = new Key(list, view);
    synchronized (lock) {
      if (this.catalog == catalog) {
        Listing kept = entries.get(key);
        if (kept != null) {
          return kept.used();
        }
      }
    }
    Listing made = new Listing(items.get());
    synchronized (lock) {
      if (this.catalog != catalog) {
        entries.clear();
        this.catalog = catalog;
      }
      Listing raced = entries.putIfAbsent(key, made);
      return (raced == null ? made : raced).used();
    }
  }
}
