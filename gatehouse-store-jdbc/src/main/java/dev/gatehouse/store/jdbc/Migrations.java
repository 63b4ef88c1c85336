package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;

/**
 * The versioned schema: Flyway applies {@code db/migration/<dialect>/V<n>__<what>.sql} in order
 * when a store opens, and records each in {@value #HISTORY_TABLE}. Migrations are forward only; a
 * database migrated by a newer gateway still opens (Flyway ignores versions it does not know).
 */
final class Migrations {
  static final String HISTORY_TABLE = "flyway_schema_history";

  private Migrations() {}

  static void apply(DataSource dataSource, Dialect dialect, String where) {
    try {
      Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(dataSource)
          .locations(dialect.migrations())
          .table(HISTORY_TABLE)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw StoreException.unavailable(
          "cannot migrate " + where + ": " + SqlFailures.describe(e), e);
    }
  }

  /** The latest version applied, {@code 0} before the first migration. */
  static int currentVersion(Handle h) {
    return h.createQuery(
            "SELECT version FROM "
                + HISTORY_TABLE
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC")
        .mapTo(String.class)
        .findFirst()
        .map(Migrations::major)
        .orElse(0);
  }

  private static int major(String version) {
    int dot = version.indexOf('.');
    return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
  }
}
