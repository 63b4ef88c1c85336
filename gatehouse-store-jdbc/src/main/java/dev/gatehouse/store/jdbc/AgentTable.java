package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.AgentRecord;
import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.ApiKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code agents} table and its {@code api_keys}, which hold hashes, never keys. */
final class AgentTable {
  private static final String AGENT_COLUMNS = "id, name, description, created_at";
  private static final String KEY_SELECT =
      "SELECT k.id, k.agent_id, a.name AS agent_name, k.prefix, k.key_hash, k.description,"
          + " k.created_at, k.revoked_at FROM api_keys k JOIN agents a ON a.id = k.agent_id";

  private AgentTable() {}

  /**
   * @param column {@code id} or {@code name}
   */
  static Optional<AgentRecord> find(Handle h, String column, String value) {
    return h.createQuery("SELECT " + AGENT_COLUMNS + " FROM agents WHERE " + column + " = :v")
        .bind("v", value)
        .map((rs, ctx) -> agent(rs))
        .findOne();
  }

  static List<AgentRecord> all(Handle h) {
    return h.createQuery("SELECT " + AGENT_COLUMNS + " FROM agents ORDER BY name")
        .map((rs, ctx) -> agent(rs))
        .list();
  }

  static void insert(Handle h, AgentRecord record) {
    h.createUpdate(
            "INSERT INTO agents ("
                + AGENT_COLUMNS
                + ") VALUES (:id, :name, :description, :created_at)")
        .bind("id", record.id())
        .bind("name", record.name())
        .bind("description", record.description().orElse(null))
        .bind("created_at", record.createdAt().toEpochMilli())
        .execute();
  }

  /** Deletes the agent and its keys (the foreign key would too, were it ever off). */
  static void delete(Handle h, String id) {
    h.createUpdate("DELETE FROM api_keys WHERE agent_id = :id").bind("id", id).execute();
    h.createUpdate("DELETE FROM agents WHERE id = :id").bind("id", id).execute();
  }

  /**
   * @param column {@code id} or {@code key_hash}
   */
  static Optional<ApiKeyRecord> findKey(Handle h, String column, String value) {
    return h.createQuery(KEY_SELECT + " WHERE k." + column + " = :v")
        .bind("v", value)
        .map((rs, ctx) -> key(rs))
        .findOne();
  }

  static List<ApiKeyRecord> allKeys(Handle h) {
    return h.createQuery(KEY_SELECT + " ORDER BY a.name, k.created_at, k.id")
        .map((rs, ctx) -> key(rs))
        .list();
  }

  static boolean hashTaken(Handle h, String hash) {
    return h.createQuery("SELECT COUNT(*) FROM api_keys WHERE key_hash = :h")
            .bind("h", hash)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  static void insertKey(Handle h, ApiKeyRecord record) {
    h.createUpdate(
            "INSERT INTO api_keys (id, agent_id, prefix, key_hash, description, created_at,"
                + " revoked_at) VALUES (:id, :agent_id, :prefix, :key_hash, :description,"
                + " :created_at, NULL)")
        .bind("id", record.id())
        .bind("agent_id", record.spec().agentId())
        .bind("prefix", record.spec().prefix())
        .bind("key_hash", record.spec().hash())
        .bind("description", record.spec().description().orElse(null))
        .bind("created_at", record.createdAt().toEpochMilli())
        .execute();
  }

  static void revokeKey(Handle h, String id, Instant when) {
    h.createUpdate("UPDATE api_keys SET revoked_at = :when WHERE id = :id AND revoked_at IS NULL")
        .bind("id", id)
        .bind("when", when.toEpochMilli())
        .execute();
  }

  static boolean anyActiveKey(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL")
            .mapTo(Long.class)
            .one()
        > 0;
  }

  private static AgentRecord agent(ResultSet rs) throws SQLException {
    return new AgentRecord(
        rs.getString("id"),
        rs.getString("name"),
        Optional.ofNullable(rs.getString("description")),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static ApiKeyRecord key(ResultSet rs) throws SQLException {
    long revoked = rs.getLong("revoked_at");
    Optional<Instant> revokedAt =
        rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
    ApiKeySpec spec =
        new ApiKeySpec(
            rs.getString("agent_id"),
            rs.getString("prefix"),
            rs.getString("key_hash"),
            Optional.ofNullable(rs.getString("description")));
    return new ApiKeyRecord(
        rs.getString("id"),
        spec,
        rs.getString("agent_name"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        revokedAt);
  }
}
