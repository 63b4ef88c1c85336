package dev.gatehouse.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.store.CatalogSnapshot;
import dev.gatehouse.store.GroupPatch;
import dev.gatehouse.store.GroupRecord;
import dev.gatehouse.store.GroupSpec;
import dev.gatehouse.store.MemberNames;
import dev.gatehouse.store.ServerPatch;
import dev.gatehouse.store.ServerRecord;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@link Store} on a SQL database through a connection pool; {@link SqliteStore} and {@link
 * PostgresStore} open it. Writes that read first run in one transaction, with the rows they depend
 * on locked ({@link Dialect#lockRows()}); the unique constraints catch what races past a check.
 */
final class JdbcStore implements Store {
  private static final String CATALOG_COLUMNS = "server_name, catalog, taken_at";

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String description;
  private final Clock clock = Clock.systemUTC();

  JdbcStore(HikariDataSource pool, Dialect dialect, String description) {
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
    this.dialect = dialect;
    this.description = description;
  }

  // --- servers

  @Override
  public ServerRecord createServer(ServerSpec spec) {
    return write(
        () -> StoreException.duplicate(ServerSpec.ENTITY, spec.name()),
        h -> {
          if (serverIdOf(h, spec.name()).isPresent()) {
            throw StoreException.duplicate(ServerSpec.ENTITY, spec.name());
          }
          Instant now = now();
          String id = UUID.randomUUID().toString();
          Rows.bindServer(
                  h.createUpdate(
                      "INSERT INTO servers ("
                          + Rows.SERVER_COLUMNS
                          + ") VALUES (:id, :name, :transport, :url, :command, :args, :env, :cwd,"
                          + " :headers, :prefix, :timeout_ms, :enabled, :allow_list, :deny_list,"
                          + " :description, :created_at, :updated_at)"),
                  spec)
              .bind("id", id)
              .bind("created_at", now.toEpochMilli())
              .bind("updated_at", now.toEpochMilli())
              .execute();
          return new ServerRecord(id, spec, now, now);
        });
  }

  @Override
  public Optional<ServerRecord> server(String id) {
    return read(h -> findServer(h, "id", id, ""));
  }

  @Override
  public Optional<ServerRecord> serverByName(String name) {
    return read(h -> findServer(h, "name", name, ""));
  }

  @Override
  public List<ServerRecord> servers() {
    return read(h ->
        h.createQuery("SELECT " + Rows.SERVER_COLUMNS + " FROM servers ORDER BY name")
            .map(Rows.SERVER)
            .list());
  }

  @Override
  public ServerRecord updateServer(String id, ServerPatch patch) {
    String[] newName = {null};
    return write(
        () -> StoreException.duplicate(ServerSpec.ENTITY, String.valueOf(newName[0])),
        h -> {
          ServerRecord current =
              findServer(h, "id", id, dialect.lockRows())
                  .orElseThrow(() -> StoreException.notFound(ServerSpec.ENTITY, "id", id));
          ServerSpec changed = patch.applyTo(current.spec());
          if (changed.equals(current.spec())) {
            return current;
          }
          newName[0] = changed.name();
          if (!changed.name().equals(current.name())) {
            if (serverIdOf(h, changed.name()).isPresent()) {
              throw StoreException.duplicate(ServerSpec.ENTITY, changed.name());
            }
            renameReferences(h, current.name(), changed.name());
          }
          Instant now = now();
          Rows.bindServer(
                  h.createUpdate(
                      "UPDATE servers SET name = :name, transport = :transport, url = :url,"
                          + " command = :command, args = :args, env = :env, cwd = :cwd,"
                          + " headers = :headers, prefix = :prefix, timeout_ms = :timeout_ms,"
                          + " enabled = :enabled, allow_list = :allow_list,"
                          + " deny_list = :deny_list, description = :description,"
                          + " updated_at = :updated_at WHERE id = :id"),
                  changed)
              .bind("id", id)
              .bind("updated_at", now.toEpochMilli())
              .execute();
          return new ServerRecord(id, changed, current.createdAt(), now);
        });
  }

  @Override
  public void deleteServer(String id) {
    write(
        () -> StoreException.notFound(ServerSpec.ENTITY, "id", id),
        h -> {
          ServerRecord current =
              findServer(h, "id", id, dialect.lockRows())
                  .orElseThrow(() -> StoreException.notFound(ServerSpec.ENTITY, "id", id));
          h.createUpdate("DELETE FROM group_members WHERE server_name = :name")
              .bind("name", current.name())
              .execute();
          h.createUpdate("DELETE FROM catalog_snapshots WHERE server_name = :name")
              .bind("name", current.name())
              .execute();
          h.createUpdate("DELETE FROM servers WHERE id = :id").bind("id", id).execute();
          return null;
        });
  }

  // --- groups

  @Override
  public GroupRecord createGroup(GroupSpec spec) {
    return write(
        () -> StoreException.duplicate(GroupSpec.ENTITY, spec.name()),
        h -> {
          if (findGroup(h, "name", spec.name(), "").isPresent()) {
            throw StoreException.duplicate(GroupSpec.ENTITY, spec.name());
          }
          Instant now = now();
          String id = UUID.randomUUID().toString();
          Rows.bindGroup(
                  h.createUpdate(
                      "INSERT INTO server_groups ("
                          + Rows.GROUP_COLUMNS
                          + ") VALUES (:id, :name, :description, :allow_list, :deny_list, :mode,"
                          + " :created_at, :updated_at)"),
                  spec)
              .bind("id", id)
              .bind("created_at", now.toEpochMilli())
              .bind("updated_at", now.toEpochMilli())
              .execute();
          return new GroupRecord(id, spec, now, now);
        });
  }

  @Override
  public Optional<GroupRecord> group(String id) {
    return read(h -> findGroup(h, "id", id, ""));
  }

  @Override
  public Optional<GroupRecord> groupByName(String name) {
    return read(h -> findGroup(h, "name", name, ""));
  }

  @Override
  public List<GroupRecord> groups() {
    return read(h ->
        h.createQuery("SELECT " + Rows.GROUP_COLUMNS + " FROM server_groups ORDER BY name")
            .map(Rows.GROUP)
            .list());
  }

  @Override
  public GroupRecord updateGroup(String id, GroupPatch patch) {
    String[] newName = {null};
    return write(
        () -> StoreException.duplicate(GroupSpec.ENTITY, String.valueOf(newName[0])),
        h -> {
          GroupRecord current = requireGroup(h, id, dialect.lockRows());
          GroupSpec changed = patch.applyTo(current.spec());
          if (changed.equals(current.spec())) {
            return current;
          }
          newName[0] = changed.name();
          if (!changed.name().equals(current.name())
              && findGroup(h, "name", changed.name(), "").isPresent()) {
            throw StoreException.duplicate(GroupSpec.ENTITY, changed.name());
          }
          Instant now = now();
          Rows.bindGroup(
                  h.createUpdate(
                      "UPDATE server_groups SET name = :name, description = :description,"
                          + " allow_list = :allow_list, deny_list = :deny_list, mode = :mode,"
                          + " updated_at = :updated_at WHERE id = :id"),
                  changed)
              .bind("id", id)
              .bind("updated_at", now.toEpochMilli())
              .execute();
          return new GroupRecord(id, changed, current.createdAt(), now);
        });
  }

  @Override
  public void deleteGroup(String id) {
    write(
        () -> StoreException.notFound(GroupSpec.ENTITY, "id", id),
        h -> {
          requireGroup(h, id, dialect.lockRows());
          // The foreign key cascades too; deleting first keeps SQLite files opened without it
          // sound.
          h.createUpdate("DELETE FROM group_members WHERE group_id = :id").bind("id", id).execute();
          h.createUpdate("DELETE FROM server_groups WHERE id = :id").bind("id", id).execute();
          return null;
        });
  }

  @Override
  public List<String> setGroupMembers(String groupId, List<String> serverNames) {
    List<String> members = MemberNames.check(serverNames);
    return write(
        () -> StoreException.unavailable("group members changed concurrently, try again", null),
        h -> {
          requireGroup(h, groupId, dialect.lockRows());
          h.createUpdate("DELETE FROM group_members WHERE group_id = :id")
              .bind("id", groupId)
              .execute();
          if (!members.isEmpty()) {
            PreparedBatch batch =
                h.prepareBatch(
                    "INSERT INTO group_members (group_id, position, server_name)"
                        + " VALUES (:group_id, :position, :server_name)");
            for (int i = 0; i < members.size(); i++) {
              batch
                  .bind("group_id", groupId)
                  .bind("position", i)
                  .bind("server_name", members.get(i))
                  .add();
            }
            batch.execute();
          }
          return members;
        });
  }

  @Override
  public List<String> groupMembers(String groupId) {
    return read(h -> {
      requireGroup(h, groupId, "");
      return h.createQuery(
              "SELECT server_name FROM group_members WHERE group_id = :id ORDER BY position")
          .bind("id", groupId)
          .mapTo(String.class)
          .list();
    });
  }

  // --- catalog snapshots

  @Override
  public void putCatalogSnapshot(CatalogSnapshot snapshot) {
    write(
        () -> StoreException.unavailable("catalog snapshot written concurrently", null),
        h ->
            h.createUpdate(
                    "INSERT INTO catalog_snapshots ("
                        + CATALOG_COLUMNS
                        + ") VALUES (:server_name, :catalog, :taken_at)"
                        + " ON CONFLICT (server_name) DO UPDATE SET catalog = excluded.catalog,"
                        + " taken_at = excluded.taken_at")
                .bind("server_name", snapshot.server())
                .bind("catalog", snapshot.catalog())
                .bind("taken_at", snapshot.takenAt().toEpochMilli())
                .execute());
  }

  @Override
  public Optional<CatalogSnapshot> catalogSnapshot(String serverName) {
    return read(h ->
        h.createQuery(
                "SELECT "
                    + CATALOG_COLUMNS
                    + " FROM catalog_snapshots WHERE server_name = :server_name")
            .bind("server_name", serverName)
            .map(JdbcStore::snapshot)
            .findOne());
  }

  @Override
  public List<CatalogSnapshot> catalogSnapshots() {
    return read(h ->
        h.createQuery("SELECT " + CATALOG_COLUMNS + " FROM catalog_snapshots ORDER BY server_name")
            .map(JdbcStore::snapshot)
            .list());
  }

  @Override
  public void deleteCatalogSnapshot(String serverName) {
    write(
        () -> StoreException.unavailable("catalog snapshot deleted concurrently", null),
        h ->
            h.createUpdate("DELETE FROM catalog_snapshots WHERE server_name = :server_name")
                .bind("server_name", serverName)
                .execute());
  }

  // --- the store itself

  @Override
  public int schemaVersion() {
    return read(Migrations::currentVersion);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
  }

  // --- plumbing

  private <T> T read(HandleCallback<T, RuntimeException> callback) {
    try {
      return jdbi.withHandle(callback);
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e, description, () -> unexpectedDuplicate(e));
    }
  }

  private <T> T write(
      Supplier<StoreException> onDuplicate, HandleCallback<T, RuntimeException> callback) {
    try {
      return jdbi.inTransaction(callback);
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e, description, onDuplicate);
    }
  }

  private StoreException unexpectedDuplicate(RuntimeException e) {
    return StoreException.unavailable(description + " failed: " + SqlFailures.describe(e), e);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Optional<ServerRecord> findServer(
      Handle h, String column, String value, String lock) {
    return h.createQuery(
            "SELECT " + Rows.SERVER_COLUMNS + " FROM servers WHERE " + column + " = :v" + lock)
        .bind("v", value)
        .map(Rows.SERVER)
        .findOne();
  }

  private static Optional<String> serverIdOf(Handle h, String name) {
    return h.createQuery("SELECT id FROM servers WHERE name = :name")
        .bind("name", name)
        .mapTo(String.class)
        .findOne();
  }

  private static Optional<GroupRecord> findGroup(
      Handle h, String column, String value, String lock) {
    return h.createQuery(
            "SELECT " + Rows.GROUP_COLUMNS + " FROM server_groups WHERE " + column + " = :v" + lock)
        .bind("v", value)
        .map(Rows.GROUP)
        .findOne();
  }

  private static GroupRecord requireGroup(Handle h, String id, String lock) {
    return findGroup(h, "id", id, lock)
        .orElseThrow(() -> StoreException.notFound(GroupSpec.ENTITY, "id", id));
  }

  /** A renamed server keeps its group memberships and its catalog snapshot. */
  private static void renameReferences(Handle h, String oldName, String newName) {
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
    h.createUpdate("DELETE FROM catalog_snapshots WHERE server_name = :new")
        .bind("new", newName)
        .execute();
    h.createUpdate("UPDATE catalog_snapshots SET server_name = :new WHERE server_name = :old")
        .bind("old", oldName)
        .bind("new", newName)
        .execute();
  }

  private static CatalogSnapshot snapshot(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new CatalogSnapshot(
        rs.getString("server_name"),
        rs.getString("catalog"),
        Instant.ofEpochMilli(rs.getLong("taken_at")));
  }
}
