package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.GroupRecord;
import dev.gatehouse.store.GroupSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * The {@code server_groups} table and its {@code group_members}: members are server names with a
 * position, so a group keeps the order they were set in.
 */
final class GroupTable {
  private static final String COLUMNS =
      "id, name, description, allow_list, deny_list, mode, created_at, updated_at";

  private GroupTable() {}

  /**
   * @param column {@code id} or {@code name}
   * @param lock {@link Dialect#lockRows()} inside a read-modify-write transaction, else ""
   */
  static Optional<GroupRecord> find(Handle h, String column, String value, String lock) {
    return h.createQuery(
            "SELECT " + COLUMNS + " FROM server_groups WHERE " + column + " = :v" + lock)
        .bind("v", value)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  static List<GroupRecord> all(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM server_groups ORDER BY name")
        .map((rs, ctx) -> read(rs))
        .list();
  }

  static void insert(Handle h, GroupRecord record) {
    bind(
            h.createUpdate(
                "INSERT INTO server_groups ("
                    + COLUMNS
                    + ") VALUES (:id, :name, :description, :allow_list, :deny_list, :mode,"
                    + " :created_at, :updated_at)"),
            record.spec())
        .bind("id", record.id())
        .bind("created_at", record.createdAt().toEpochMilli())
        .bind("updated_at", record.updatedAt().toEpochMilli())
        .execute();
  }

  static void update(Handle h, GroupRecord record) {
    bind(
            h.createUpdate(
                "UPDATE server_groups SET name = :name, description = :description,"
                    + " allow_list = :allow_list, deny_list = :deny_list, mode = :mode,"
                    + " updated_at = :updated_at WHERE id = :id"),
            record.spec())
        .bind("id", record.id())
        .bind("updated_at", record.updatedAt().toEpochMilli())
        .execute();
  }

  /** Deletes the group and its members (the foreign key would too, were it ever off). */
  static void delete(Handle h, String id) {
    h.createUpdate("DELETE FROM group_members WHERE group_id = :id").bind("id", id).execute();
    h.createUpdate("DELETE FROM server_groups WHERE id = :id").bind("id", id).execute();
  }

  static List<String> members(Handle h, String groupId) {
    return h.createQuery(
            "SELECT server_name FROM group_members WHERE group_id = :id ORDER BY position")
        .bind("id", groupId)
        .mapTo(String.class)
        .list();
  }

  static void replaceMembers(Handle h, String groupId, List<String> serverNames) {
    h.createUpdate("DELETE FROM group_members WHERE group_id = :id").bind("id", groupId).execute();
    if (serverNames.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO group_members (group_id, position, server_name)"
                + " VALUES (:group_id, :position, :server_name)");
    for (int i = 0; i < serverNames.size(); i++) {
      batch
          .bind("group_id", groupId)
          .bind("position", i)
          .bind("server_name", serverNames.get(i))
          .add();
    }
    batch.execute();
  }

  /** A renamed server keeps its place in every group (one that lists both names keeps one). */
  static void renameMember(Handle h, String oldName, String newName) {
    h.createUpdate(
            "DELETE FROM group_members WHERE server_name = :old AND group_id IN"
                + " (SELECT group_id FROM group_members WHERE server_name = :new)")
        .bind("old", oldName)
        .bind("new", newName)
        .execute();
    h.createUpdate("UPDATE group_members SET server_name = :new WHERE server_name = :old")
        .bind("old", oldName)
        .bind("new", newName)
        .execute();
  }

  static void removeMember(Handle h, String serverName) {
    h.createUpdate("DELETE FROM group_members WHERE server_name = :name")
        .bind("name", serverName)
        .execute();
  }

  private static Update bind(Update statement, GroupSpec spec) {
    return statement
        .bind("name", spec.name())
        .bind("description", spec.description().orElse(null))
        .bind("allow_list", JsonColumns.write(spec.allow()))
        .bind("deny_list", JsonColumns.write(spec.deny()))
        .bind("mode", spec.mode().orElse(null));
  }

  private static GroupRecord read(ResultSet rs) throws SQLException {
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
