package dev.gatehouse.store.jdbc;

import static dev.gatehouse.store.jdbc.StoreContract.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.StoreException.Kind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Opening a store migrates only a schema that lacks the latest version: a current one is not handed
 * to Flyway again, an older one is. Run once per dialect by a subclass that says where.
 */
abstract class MigrationsContract {
  private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__.+\\.sql");

  /** An empty database (or schema) of the subclass's dialect. */
  protected abstract DataSource emptyDatabase();

  protected abstract Dialect dialect();

  @Test
  void theLatestVersionIsTheNewestScriptOfTheDialect() throws IOException, URISyntaxException {
    Path folder =
        Path.of(
            getClass()
                .getClassLoader()
                .getResource(dialect().migrations().substring("classpath:".length()))
                .toURI());
    try (Stream<Path> scripts = Files.list(folder)) {
      List<Integer> versions =
          scripts
              .map(p -> SCRIPT.matcher(p.getFileName().toString()))
              .filter(Matcher::matches)
              .map(m -> Integer.parseInt(m.group(1)))
              .sorted()
              .toList();
      assertThat(versions).isNotEmpty().last().isEqualTo(Migrations.LATEST);
      assertThat(Migrations.LATEST).isEqualTo(InMemoryStore.SCHEMA_VERSION);
    }
  }

  @Test
  void aNewDatabaseIsMigratedToTheLatestVersion() throws SQLException {
    DataSource db = emptyDatabase();
    assertThat(Migrations.current(db)).isFalse();

    assertThat(Migrations.apply(db, dialect(), "test database")).isTrue();

    assertThat(Migrations.current(db)).isTrue();
    assertThat(versions(db)).containsExactly(versionsUpTo(Migrations.LATEST));
  }

  @Test
  void aCurrentSchemaIsNotMigratedAgain() throws SQLException {
    DataSource db = emptyDatabase();
    Migrations.apply(db, dialect(), "test database");
    // Flyway would stop at this (a script changed since it was applied): it is not asked.
    execute(db, "UPDATE " + Migrations.HISTORY_TABLE + " SET checksum = 7 WHERE version = '1'");

    assertThat(Migrations.apply(db, dialect(), "test database")).isFalse();

    assertThat(versions(db)).containsExactly(versionsUpTo(Migrations.LATEST));
  }

  @Test
  void anOlderSchemaIsMigrated() throws SQLException {
    DataSource db = emptyDatabase();
    flyway(db).target("1").load().migrate();
    assertThat(Migrations.current(db)).isFalse();

    assertThat(Migrations.apply(db, dialect(), "test database")).isTrue();

    assertThat(versions(db)).containsExactly(versionsUpTo(Migrations.LATEST));
    assertThat(count(db, "SELECT COUNT(*) FROM agents")).isZero();
  }

  @Test
  void aSchemaANewerGatewayMigratedIsLeftAlone() throws SQLException {
    DataSource db = emptyDatabase();
    Migrations.apply(db, dialect(), "test database");
    history(db, Migrations.LATEST + 1, true);

    assertThat(Migrations.apply(db, dialect(), "test database")).isFalse();
  }

  @Test
  void aFailedMigrationIsLeftToFlywayWhichReportsIt() throws SQLException {
    DataSource db = emptyDatabase();
    flyway(db).target(String.valueOf(Migrations.LATEST - 1)).load().migrate();
    history(db, Migrations.LATEST, false);

    assertThat(Migrations.current(db)).isFalse();
    assertKind(
        () -> Migrations.apply(db, dialect(), "test database"),
        Kind.UNAVAILABLE,
        "cannot migrate test database: ");
  }

  private FluentConfiguration flyway(DataSource db) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(db)
        .locations(dialect().migrations())
        .table(Migrations.HISTORY_TABLE)
        .placeholderReplacement(false);
  }

  private static String[] versionsUpTo(int latest) {
    return Stream.iterate(1, v -> v <= latest, v -> v + 1)
        .map(String::valueOf)
        .toArray(String[]::new);
  }

  private static List<String> versions(DataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT version FROM "
                    + Migrations.HISTORY_TABLE
                    + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
      List<String> versions = new ArrayList<>();
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
      return versions;
    }
  }

  /** A history row as Flyway writes one. */
  private static void history(DataSource db, int version, boolean success) throws SQLException {
    execute(
        db,
        "INSERT INTO "
            + Migrations.HISTORY_TABLE
            + " (installed_rank, version, description, type, script, checksum, installed_by,"
            + " execution_time, success) VALUES ("
            + (100 + version)
            + ", '"
            + version
            + "', 'later', 'SQL', 'V"
            + version
            + "__later.sql', 0, 'test', 1, "
            + success
            + ")");
  }

  private static long count(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void execute(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
