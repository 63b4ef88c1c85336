package dev.gatehouse.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The last catalog an upstream listed, kept so that a restarted gateway serves its tools at once
 * while it reconnects. The store keeps the JSON text as given and never reads it.
 *
 * @param server the server's name; file-managed servers have snapshots too, so this is not a store
 *     id
 * @param catalog the listing as JSON text, in whatever shape the registry writes
 * @param takenAt when the listing was fetched, to the millisecond
 */
public record CatalogSnapshot(String server, String catalog, Instant takenAt) {

  public CatalogSnapshot {
    RecordRules.name("catalog snapshot", "server", server);
    Objects.requireNonNull(catalog, "catalog");
    takenAt =
        Objects.requireNonNull(takenAt, "takenAt")
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }
}
