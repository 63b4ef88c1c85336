package dev.gatehouse.cli;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.registry.CatalogListener;
import dev.gatehouse.registry.CatalogSnapshots;
import dev.gatehouse.registry.UpstreamRegistry;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each upstream's last listing in the store whenever it changes, and seeds a starting
 * registry from what was kept, so a restarted gateway lists tools before its upstreams answer.
 */
final class CatalogKeeper implements CatalogListener {
  private static final Logger log = LoggerFactory.getLogger(CatalogKeeper.class);

  private final Store store;
  private final UpstreamRegistry registry;
  private final Clock clock;
  private final Map<String, ServerCatalog> written = new ConcurrentHashMap<>();

  CatalogKeeper(Store store, UpstreamRegistry registry, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.clock = clock;
  }

  /** Seeds every upstream of the registry that has a kept listing. */
  void seed() {
    try {
      for (var snapshot : store.catalogSnapshots()) {
        ServerCatalog listing = CatalogSnapshots.listing(snapshot);
        written.put(listing.server(), listing);
        registry.seed(listing);
      }
    } catch (StoreException e) {
      log.warn("Could not read the last-known catalog: {}", e.getMessage());
    }
  }

  @Override
  public void onCatalogChanged(
      Catalog catalog, boolean toolsChanged, boolean promptsChanged, boolean resourcesChanged) {
    for (String server : catalog.servers()) {
      Optional<ServerCatalog> listing = registry.listing(server);
      if (listing.isEmpty() || listing.get().equals(written.get(server))) {
        continue;
      }
      try {
        store.putCatalogSnapshot(CatalogSnapshots.of(listing.get(), clock.instant()));
        written.put(server, listing.get());
      } catch (StoreException e) {
        log.warn("Could not keep the catalog of {}: {}", server, e.getMessage());
      }
    }
  }
}
