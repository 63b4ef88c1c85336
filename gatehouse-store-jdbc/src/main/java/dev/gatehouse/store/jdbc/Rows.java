package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.GroupRecord;
import dev.gatehouse.store.GroupSpec;
import dev.gatehouse.store.ServerRecord;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.upstream.TransportKind;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** How records map to table rows and back. */
final class Rows {
  static final String SERVER_COLUMNS =
      "id, name, transport, url, command, args, env, cwd, headers, prefix, timeout_ms, enabled,"
          + " allow_list, deny_list, description, created_at, updated_at";
  static final String GROUP_COLUMNS =
      "id, name, description, allow_list, deny_list, mode, created_at, updated_at";

  static final RowMapper<ServerRecord> SERVER = (rs, ctx) -> server(rs);
  static final RowMapper<GroupRecord> GROUP = (rs, ctx) -> group(rs);

  private Rows() {}

  /** Binds every column of {@link #SERVER_COLUMNS} but the id and the timestamps. */
  static <S extends SqlStatement<S>> S bindServer(S statement, ServerSpec spec) {
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

  /** Binds every column of {@link #GROUP_COLUMNS} but the id and the timestamps. */
  static <S extends SqlStatement<S>> S bindGroup(S statement, GroupSpec spec) {
    return statement
        .bind("name", spec.name())
        .bind("description", spec.description().orElse(null))
        .bind("allow_list", JsonColumns.write(spec.allow()))
        .bind("deny_list", JsonColumns.write(spec.deny()))
        .bind("mode", spec.mode().orElse(null));
  }

  private static ServerRecord server(ResultSet rs) throws SQLException {
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

  private static GroupRecord group(ResultSet rs) throws SQLException {
    GroupSpec spec =
        new GroupSpec(
            rs.getString("name"),
            Optional.ofNullable(rs.getString("description")),
            JsonColumns.list(rs.getString("allow_list"), "server_groups.allow_list"),
            JsonColumns.list(rs.getString("deny_list"), "server_groups.deny_list"),
            Optional.ofNullable(rs.getString("mode")));
    return new GroupRecord(
        rs.getString("id"),
        spec,
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
