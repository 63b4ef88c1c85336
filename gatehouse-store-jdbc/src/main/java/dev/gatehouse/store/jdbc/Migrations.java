package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 *
 * <p>Most opens find the schema current. One query on the history tells so, and then Flyway is not
 * started at all: its scan of the scripts and validation of the history take about half of the time
 * to open the store.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  static final String HISTORY_TABLE = "flyway_schema_history";

  /** The newest script in each dialect's folder; {@code MigrationsTest} keeps them in step. */
  static final int LATEST = InMemoryStore.SCHEMA_VERSION;

  private Migrations() {}

  /**
   * Brings the schema to {@link #LATEST}.
   *
   * @return whether Flyway ran; it does not when the history already holds the latest version
   */
  static boolean apply(DataSource dataSource, Dialect dialect, String where) {
    if (current(dataSource)) {
      return false;
    }
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
    return true;
  }

  /**
   * Whether the history records {@link #LATEST} (or a newer version, from a newer gateway) and no
   * failed migration. Anything else, a missing history table included, is left to Flyway, which
   * migrates, or reports what is wrong.
   */
  static boolean current(DataSource dataSource) {
    int latest = 0;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, success FROM "
                    + historyTable(connection)
                    + " WHERE version IS NOT NULL")) {
      while (rows.next()) {
        if (!rows.getBoolean(2)) {
          return false;
        }
        latest = Math.max(latest, major(rows.getString(1)));
      }
    } catch (SQLException | RuntimeException e) {
      return false;
    }
    return latest >= LATEST;
  }

  /**
   * The history in the connection's current schema, where Flyway keeps it: on PostgreSQL an
   * unqualified name could find another schema's table further along the search path.
   */
  private static String historyTable(Connection connection) throws SQLException {
    String schema = connection.getSchema();
    return schema == null
        ? HISTORY_TABLE
        : "\"" + schema.replace("\"", "\"\"") + "\"." + HISTORY_TABLE;
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
