package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.ServerRecord;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.upstream.TransportKind;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** The {@code servers} table: one row per stored server, lists and maps as JSON text. */
final class ServerTable {
  private static final String COLUMNS =
      "id, name, transport, url, command, args, env, cwd, headers, prefix, timeout_ms, enabled,"
          + " allow_list, deny_list, description, created_at, updated_at";

  private ServerTable() {}

  /**
   * @param column {@code id} or {@code name}
   * @param lock {@link Dialect#lockRows()} inside a read-modify-write transaction, else ""
   */
  static Optional<ServerRecord> find(Handle h, String column, String value, String lock) {
    return h.createQuery("SELECT " + COLUMNS + " FROM servers WHERE " + column + " = :v" + lock)
        .bind("v", value)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  static boolean nameTaken(Handle h, String name) {
    return h.createQuery("SELECT id FROM servers WHERE name = :name")
        .bind("name", name)
        .mapTo(String.class)
        .findOne()
        .isPresent();
  }

  static List<ServerRecord> all(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM servers ORDER BY name")
        .map((rs, ctx) -> read(rs))
        .list();
  }

  static void insert(Handle h, ServerRecord record) {
    bind(
            h.createUpdate(
                "INSERT INTO servers ("
                    + COLUMNS
                    + ") VALUES (:id, :name, :transport, :url, :command, :args, :env, :cwd,"
                    + " :headers, :prefix, :timeout_ms, :enabled, :allow_list, :deny_list,"
                    + " :description, :created_at, :updated_at)"),
            record.spec())
        .bind("id", record.id())
        .bind("created_at", record.createdAt().toEpochMilli())
        .bind("updated_at", record.updatedAt().toEpochMilli())
        .execute();
  }

  static void update(Handle h, ServerRecord record) {
    bind(
            h.createUpdate(
                "UPDATE servers SET name = :name, transport = :transport, url = :url,"
                    + " command = :command, args = :args, env = :env, cwd = :cwd,"
                    + " headers = :headers, prefix = :prefix, timeout_ms = :timeout_ms,"
                    + " enabled = :enabled, allow_list = :allow_list, deny_list = :deny_list,"
                    + " description = :description, updated_at = :updated_at WHERE id = :id"),
            record.spec())
        .bind("id", record.id())
        .bind("updated_at", record.updatedAt().toEpochMilli())
        .execute();
  }

  static void delete(Handle h, String id) {
    h.createUpdate("DELETE FROM servers WHERE id = :id").bind("id", id).execute();
  }

  private static Update bind(Update statement, ServerSpec spec) {
    return statement
        .bind("name", spec.name())
        .bind("transport", spec.transport().name().toLowerCase(Locale.ROOT))
        .bind("url", spec.url().map(URI::toString).orElse(null))
        .bind("command", spec.command().orElse(null))
        .bind("args", JsonColumns.write(spec.args()))
        .bind("env", JsonColumns.write(spec.env()))
        .bind("cwd", spec.cwd().orElse(null))
        .bind("headers", JsonColumns.write(spec.headers()))
        .bind("prefix", spec.prefix().orElse(null))
        .bind("timeout_ms", spec.timeout().map(Duration::toMillis).orElse(null))
        .bind("enabled", spec.enabled())
        .bind("allow_list", JsonColumns.write(spec.allow()))
        .bind("deny_list", JsonColumns.write(spec.deny()))
        .bind("description", spec.description().orElse(null));
  }

  private static ServerRecord read(ResultSet rs) throws SQLException {
    long timeout = rs.getLong("timeout_ms");
    Optional<Duration> timeoutMs =
        rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(timeout));
    ServerSpec spec =
        new ServerSpec(
            rs.getString("name"),
            TransportKind.parse(rs.getString("transport")),
            Optional.ofNullable(rs.getString("url")).map(URI::create),
            Optional.ofNullable(rs.getString("command")),
            JsonColumns.list(rs.getString("args"), "servers.args"),
            JsonColumns.map(rs.getString("env"), "servers.env"),
            Optional.ofNullable(rs.getString("cwd")),
            JsonColumns.map(rs.getString("headers"), "servers.headers"),
            Optional.ofNullable(rs.getString("prefix")),
            timeoutMs,
            rs.getBoolean("enabled"),
            JsonColumns.list(rs.getString("allow_list"), "servers.allow_list"),
            JsonColumns.list(rs.getString("deny_list"), "servers.deny_list"),
            Optional.ofNullable(rs.getString("description")));
    return new ServerRecord(
        rs.getString("id"),
        spec,
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
