package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned schema: Flyway applies {@code db/migration/<dialect>/V<n>__<what>.sql} in order
 * when a store opens, and records each in {@value #HISTORY_TABLE}. Migrations are forward only; a
 * database migrated by a newer gateway still opens (Flyway ignores versions it does not know).
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  static final String HISTORY_TABLE = "flyway_schema_history";

  private Migrations() {}

  static void apply(DataSource dataSource, Dialect dialect, String where) {
    MigrateResult result;
    try {
      result =
          Flyway.configure(Migrations.class.getClassLoader())
              .dataSource(dataSource)
              .locations(dialect.migrations())
              .table(HISTORY_TABLE)
              .failOnMissingLocations(true)
              // The scripts mention ${env:X} references in comments; they are not Flyway's.
              .placeholderReplacement(false)
              .load()
              .migrate();
    } catch (FlywayException e) {
      throw StoreException.unavailable(
          "cannot migrate " + where + ": " + SqlFailures.describe(e), e);
    }
    if (result.migrationsExecuted > 0) {
      log.info(
          "{}: applied {} migration(s), schema now at version {}",
          where,
          result.migrationsExecuted,
          result.targetSchemaVersion);
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
