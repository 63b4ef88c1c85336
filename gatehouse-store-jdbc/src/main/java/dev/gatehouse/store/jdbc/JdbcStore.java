package dev.gatehouse.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.store.AgentRecord;
import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.ApiKeySpec;
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

/**
 * The {@link Store} on a SQL database through a connection pool; {@link SqliteStore} and {@link
 * PostgresStore} open it. Each write is one transaction: checks, then changes, with the rows it
 * read first locked ({@link Dialect#lockRows()}); the unique constraints catch a name taken by a
 * writer that raced past a check.
 */
final class JdbcStore implements Store {
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
          if (ServerTable.nameTaken(h, spec.name())) {
            throw StoreException.duplicate(ServerSpec.ENTITY, spec.name());
          }
          Instant now = now();
          ServerRecord record = new ServerRecord(UUID.randomUUID().toString(), spec, now, now);
          ServerTable.insert(h, record);
          return record;
        });
  }

  @Override
  public Optional<ServerRecord> server(String id) {
    return read(h -> ServerTable.find(h, "id", id, ""));
  }

  @Override
  public Optional<ServerRecord> serverByName(String name) {
    return read(h -> ServerTable.find(h, "name", name, ""));
  }

  @Override
  public List<ServerRecord> servers() {
    return read(ServerTable::all);
  }

  @Override
  public ServerRecord updateServer(String id, ServerPatch patch) {
    String[] newName = {null};
    return write(
        () -> StoreException.duplicate(ServerSpec.ENTITY, String.valueOf(newName[0])),
        h -> {
          ServerRecord current = requireServer(h, id);
          ServerSpec changed = patch.applyTo(current.spec());
          if (changed.equals(current.spec())) {
            return current;
          }
          newName[0] = changed.name();
          if (!changed.name().equals(current.name())) {
            if (ServerTable.nameTaken(h, changed.name())) {
              throw StoreException.duplicate(ServerSpec.ENTITY, changed.name());
            }
            GroupTable.renameMember(h, current.name(), changed.name());
            SnapshotTable.rename(h, current.name(), changed.name());
          }
          ServerRecord updated = new ServerRecord(id, changed, current.createdAt(), now());
          ServerTable.update(h, updated);
          return updated;
        });
  }

  @Override
  public void deleteServer(String id) {
    write(
        () -> StoreException.notFound(ServerSpec.ENTITY, "id", id),
        h -> {
          ServerRecord current = requireServer(h, id);
          GroupTable.removeMember(h, current.name());
          SnapshotTable.delete(h, current.name());
          ServerTable.delete(h, id);
          return null;
        });
  }

  // --- groups

  @Override
  public GroupRecord createGroup(GroupSpec spec) {
    return write(
        () -> StoreException.duplicate(GroupSpec.ENTITY, spec.name()),
        h -> {
          if (GroupTable.find(h, "name", spec.name(), "").isPresent()) {
            throw StoreException.duplicate(GroupSpec.ENTITY, spec.name());
          }
          Instant now = now();
          GroupRecord record = new GroupRecord(UUID.randomUUID().toString(), spec, now, now);
          GroupTable.insert(h, record);
          return record;
        });
  }

  @Override
  public Optional<GroupRecord> group(String id) {
    return read(h -> GroupTable.find(h, "id", id, ""));
  }

  @Override
  public Optional<GroupRecord> groupByName(String name) {
    return read(h -> GroupTable.find(h, "name", name, ""));
  }

  @Override
  public List<GroupRecord> groups() {
    return read(GroupTable::all);
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
              && GroupTable.find(h, "name", changed.name(), "").isPresent()) {
            throw StoreException.duplicate(GroupSpec.ENTITY, changed.name());
          }
          GroupRecord updated = new GroupRecord(id, changed, current.createdAt(), now());
          GroupTable.update(h, updated);
          return updated;
        });
  }

  @Override
  public void deleteGroup(String id) {
    write(
        () -> StoreException.notFound(GroupSpec.ENTITY, "id", id),
        h -> {
          requireGroup(h, id, dialect.lockRows());
          GroupTable.delete(h, id);
          return null;
        });
  }

  @Override
  public List<String> setGroupMembers(String groupId, List<String> serverNames) {
    List<String> members = MemberNames.check(serverNames);
    return write(
        () -> StoreException.unavailable(description + ": group members written twice", null),
        h -> {
          requireGroup(h, groupId, dialect.lockRows());
          GroupTable.replaceMembers(h, groupId, members);
          return members;
        });
  }

  @Override
  public List<String> groupMembers(String groupId) {
    return read(h -> {
      requireGroup(h, groupId, "");
      return GroupTable.members(h, groupId);
    });
  }

  // --- catalog snapshots

  @Override
  public void putCatalogSnapshot(CatalogSnapshot snapshot) {
    write(
        () -> StoreException.unavailable(description + ": catalog snapshot written twice", null),
        h -> {
          SnapshotTable.put(h, snapshot);
          return null;
        });
  }

  @Override
  public Optional<CatalogSnapshot> catalogSnapshot(String serverName) {
    return read(h -> SnapshotTable.find(h, serverName));
  }

  @Override
  public List<CatalogSnapshot> catalogSnapshots() {
    return read(SnapshotTable::all);
  }

  @Override
  public void deleteCatalogSnapshot(String serverName) {
    write(
        () -> StoreException.unavailable(description + ": catalog snapshot deleted twice", null),
        h -> {
          SnapshotTable.delete(h, serverName);
          return null;
        });
  }

  // --- agents and API keys

  @Override
  public AgentRecord createAgent(String name, Optional<String> description) {
    AgentRecord.checkName(name);
    return write(
        () -> StoreException.duplicate(AgentRecord.ENTITY, name),
        h -> {
          if (AgentTable.find(h, "name", name).isPresent()) {
            throw StoreException.duplicate(AgentRecord.ENTITY, name);
          }
          AgentRecord record =
              new AgentRecord(UUID.randomUUID().toString(), name, description, now());
          AgentTable.insert(h, record);
          return record;
        });
  }

  @Override
  public Optional<AgentRecord> agent(String id) {
    return read(h -> AgentTable.find(h, "id", id));
  }

  @Override
  public Optional<AgentRecord> agentByName(String name) {
    return read(h -> AgentTable.find(h, "name", name));
  }

  @Override
  public List<AgentRecord> agents() {
    return read(AgentTable::all);
  }

  @Override
  public void deleteAgent(String id) {
    write(
        () -> StoreException.notFound(AgentRecord.ENTITY, "id", id),
        h -> {
          if (AgentTable.find(h, "id", id).isEmpty()) {
            throw StoreException.notFound(AgentRecord.ENTITY, "id", id);
          }
          AgentTable.delete(h, id);
          return null;
        });
  }

  @Override
  public ApiKeyRecord createApiKey(ApiKeySpec spec) {
    return write(
        () -> StoreException.duplicate(ApiKeySpec.ENTITY, spec.prefix()),
        h -> {
          AgentRecord agent =
              AgentTable.find(h, "id", spec.agentId())
                  .orElseThrow(
                      () -> StoreException.notFound(AgentRecord.ENTITY, "id", spec.agentId()));
          if (AgentTable.hashTaken(h, spec.hash())) {
            throw StoreException.duplicate(ApiKeySpec.ENTITY, spec.prefix());
          }
          ApiKeyRecord record =
              new ApiKeyRecord(
                  UUID.randomUUID().toString(), spec, agent.name(), now(), Optional.empty());
          AgentTable.insertKey(h, record);
          return record;
        });
  }

  @Override
  public Optional<ApiKeyRecord> apiKey(String id) {
    return read(h -> AgentTable.findKey(h, "id", id));
  }

  @Override
  public Optional<ApiKeyRecord> apiKeyByHash(String hash) {
    return read(h -> AgentTable.findKey(h, "key_hash", hash));
  }

  @Override
  public List<ApiKeyRecord> apiKeys() {
    return read(AgentTable::allKeys);
  }

  @Override
  public ApiKeyRecord revokeApiKey(String id) {
    return write(
        () -> StoreException.unavailable(description + ": API key revoked twice", null),
        h -> {
          if (AgentTable.findKey(h, "id", id).isEmpty()) {
            throw StoreException.notFound(ApiKeySpec.ENTITY, "id", id);
          }
          AgentTable.revokeKey(h, id, now());
          return AgentTable.findKey(h, "id", id).orElseThrow();
        });
  }

  @Override
  public boolean hasActiveApiKeys() {
    return read(AgentTable::anyActiveKey);
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
      throw SqlFailures.translate(
          e,
          description,
          () -> StoreException.unavailable(description + " failed: " + SqlFailures.describe(e), e));
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

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private ServerRecord requireServer(Handle h, String id) {
    return ServerTable.find(h, "id", id, dialect.lockRows())
        .orElseThrow(() -> StoreException.notFound(ServerSpec.ENTITY, "id", id));
  }

  private static GroupRecord requireGroup(Handle h, String id, String lock) {
    return GroupTable.find(h, "id", id, lock)
        .orElseThrow(() -> StoreException.notFound(GroupSpec.ENTITY, "id", id));
  }
}
