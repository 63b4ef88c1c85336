package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.CatalogSnapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code catalog_snapshots} table: one JSON text per server name, replaced on each put. */
final class SnapshotTable {
  private static final String COLUMNS = "server_name, catalog, taken_at";

  private SnapshotTable() {}

  static void put(Handle h, CatalogSnapshot snapshot) {
    // INSERT ... ON CONFLICT is the same statement in SQLite (3.24+) and PostgreSQL (9.5+).
    h.createUpdate(
            "INSERT INTO catalog_snapshots ("
                + COLUMNS
                + ") VALUES (:server_name, :catalog, :taken_at)"
                + " ON CONFLICT (server_name) DO UPDATE SET catalog = excluded.catalog,"
                + " taken_at = excluded.taken_at")
        .bind("server_name", snapshot.server())
        .bind("catalog", snapshot.catalog())
        .bind("taken_at", snapshot.takenAt().toEpochMilli())
        .execute();
  }

  static Optional<CatalogSnapshot> find(Handle h, String serverName) {
    return h.createQuery(
            "SELECT " + COLUMNS + " FROM catalog_snapshots WHERE server_name = :server_name")
        .bind("server_name", serverName)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  static List<CatalogSnapshot> all(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM catalog_snapshots ORDER BY server_name")
        .map((rs, ctx) -> read(rs))
        .list();
  }

  static void delete(Handle h, String serverName) {
    h.createUpdate("DELETE FROM catalog_snapshots WHERE server_name = :server_name")
        .bind("server_name", serverName)
        .execute();
  }

  /** The snapshot follows its server's new name, replacing any left under that name. */
  static void rename(Handle h, String oldName, String newName) {
    delete(h, newName);
    h.createUpdate("UPDATE catalog_snapshots SET server_name = :new WHERE server_name = :old")
        .bind("old", oldName)
        .bind("new", newName)
        .execute();
  }

  private static CatalogSnapshot read(ResultSet rs) throws SQLException {
    return new CatalogSnapshot(
        rs.getString("server_name"),
        rs.getString("catalog"),
        Instant.ofEpochMilli(rs.getLong("taken_at")));
  }
}
