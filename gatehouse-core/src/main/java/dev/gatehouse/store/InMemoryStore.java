package dev.gatehouse.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A {@link Store} in the heap: for tests and for embedding the gateway where nothing should survive
 * a restart. One lock guards everything; nothing under it does I/O.
 */
public final class InMemoryStore implements Store {
  /**
   * The schema version whose records this store holds: that of the JDBC stores' latest migration.
   */
  public static final int SCHEMA_VERSION = 2;

  private final Object lock = new Object();
  private final Clock clock;
  private final Map<String, ServerRecord> servers = new HashMap<>();
  private final Map<String, GroupRecord> groups = new HashMap<>();
  private final Map<String, List<String>> members = new HashMap<>();
  private final Map<String, CatalogSnapshot> snapshots = new TreeMap<>();
  private final Map<String, AgentRecord> agents = new HashMap<>();
  private final Map<String, ApiKeyRecord> keys = new HashMap<>();
  private boolean closed;

  private InMemoryStore(Clock clock) {
    this.clock = clock;
  }

  public static InMemoryStore create() {
    return new InMemoryStore(Clock.systemUTC());
  }

  // --- servers

  @Override
  public ServerRecord createServer(ServerSpec spec) {
    synchronized (lock) {
      checkOpen();
      if (findServer(spec.name()).isPresent()) {
        throw StoreException.duplicate(ServerSpec.ENTITY, spec.name());
      }
      Instant now = now();
      ServerRecord record = new ServerRecord(UUID.randomUUID().toString(), spec, now, now);
      servers.put(record.id(), record);
      return record;
    }
  }

  @Override
  public Optional<ServerRecord> server(String id) {
    synchronized (lock) {
      checkOpen();
      return Optional.ofNullable(servers.get(id));
    }
  }

  @Override
  public Optional<ServerRecord> serverByName(String name) {
    synchronized (lock) {
      checkOpen();
      return findServer(name);
    }
  }

  @Override
  public List<ServerRecord> servers() {
    synchronized (lock) {
      checkOpen();
      return servers.values().stream().sorted(Comparator.comparing(ServerRecord::name)).toList();
    }
  }

  @Override
  public ServerRecord updateServer(String id, ServerPatch patch) {
    synchronized (lock) {
      checkOpen();
      ServerRecord current = requireServer(id);
      ServerSpec changed = patch.applyTo(current.spec());
      if (changed.equals(current.spec())) {
        return current;
      }
      String oldName = current.name();
      String newName = changed.name();
      if (!newName.equals(oldName)) {
        if (findServer(newName).isPresent()) {
          throw StoreException.duplicate(ServerSpec.ENTITY, newName);
        }
        renameMember(oldName, newName);
        CatalogSnapshot snapshot = snapshots.remove(oldName);
        snapshots.remove(newName);
        if (snapshot != null) {
          snapshots.put(
              newName, new CatalogSnapshot(newName, snapshot.catalog(), snapshot.takenAt()));
        }
      }
      ServerRecord updated = new ServerRecord(id, changed, current.createdAt(), now());
      servers.put(id, updated);
      return updated;
    }
  }

  @Override
  public void deleteServer(String id) {
    synchronized (lock) {
      checkOpen();
      ServerRecord removed = requireServer(id);
      servers.remove(id);
      members.values().forEach(list -> list.remove(removed.name()));
      snapshots.remove(removed.name());
    }
  }

  // --- groups

  @Override
  public GroupRecord createGroup(GroupSpec spec) {
    synchronized (lock) {
      checkOpen();
      if (findGroup(spec.name()).isPresent()) {
        throw StoreException.duplicate(GroupSpec.ENTITY, spec.name());
      }
      Instant now = now();
      GroupRecord record = new GroupRecord(UUID.randomUUID().toString(), spec, now, now);
      groups.put(record.id(), record);
      members.put(record.id(), new ArrayList<>());
      return record;
    }
  }

  @Override
  public Optional<GroupRecord> group(String id) {
    synchronized (lock) {
      checkOpen();
      return Optional.ofNullable(groups.get(id));
    }
  }

  @Override
  public Optional<GroupRecord> groupByName(String name) {
    synchronized (lock) {
      checkOpen();
      return findGroup(name);
    }
  }

  @Override
  public List<GroupRecord> groups() {
    synchronized (lock) {
      checkOpen();
      return groups.values().stream().sorted(Comparator.comparing(GroupRecord::name)).toList();
    }
  }

  @Override
  public GroupRecord updateGroup(String id, GroupPatch patch) {
    synchronized (lock) {
      checkOpen();
      GroupRecord current = requireGroup(id);
      GroupSpec changed = patch.applyTo(current.spec());
      if (changed.equals(current.spec())) {
        return current;
      }
      if (!changed.name().equals(current.name()) && findGroup(changed.name()).isPresent()) {
        throw StoreException.duplicate(GroupSpec.ENTITY, changed.name());
      }
      GroupRecord updated = new GroupRecord(id, changed, current.createdAt(), now());
      groups.put(id, updated);
      return updated;
    }
  }

  @Override
  public void deleteGroup(String id) {
    synchronized (lock) {
      checkOpen();
      requireGroup(id);
      groups.remove(id);
      members.remove(id);
    }
  }

  @Override
  public List<String> setGroupMembers(String groupId, List<String> serverNames) {
    List<String> checked = MemberNames.check(serverNames);
    synchronized (lock) {
      checkOpen();
      requireGroup(groupId);
      members.put(groupId, new ArrayList<>(checked));
      return checked;
    }
  }

  @Override
  public List<String> groupMembers(String groupId) {
    synchronized (lock) {
      checkOpen();
      requireGroup(groupId);
      return List.copyOf(members.get(groupId));
    }
  }

  // --- catalog snapshots

  @Override
  public void putCatalogSnapshot(CatalogSnapshot snapshot) {
    synchronized (lock) {
      checkOpen();
      snapshots.put(snapshot.server(), snapshot);
    }
  }

  @Override
  public Optional<CatalogSnapshot> catalogSnapshot(String serverName) {
    synchronized (lock) {
      checkOpen();
      return Optional.ofNullable(snapshots.get(serverName));
    }
  }

  @Override
  public List<CatalogSnapshot> catalogSnapshots() {
    synchronized (lock) {
      checkOpen();
      return List.copyOf(snapshots.values());
    }
  }

  @Override
  public void deleteCatalogSnapshot(String serverName) {
    synchronized (lock) {
      checkOpen();
      snapshots.remove(serverName);
    }
  }

  // --- agents and API keys

  @Override
  public AgentRecord createAgent(String name, Optional<String> description) {
    AgentRecord.checkName(name);
    synchronized (lock) {
      checkOpen();
      if (findAgent(name).isPresent()) {
        throw StoreException.duplicate(AgentRecord.ENTITY, name);
      }
      AgentRecord record = new AgentRecord(UUID.randomUUID().toString(), name, description, now());
      agents.put(record.id(), record);
      return record;
    }
  }

  @Override
  public Optional<AgentRecord> agent(String id) {
    synchronized (lock) {
      checkOpen();
      return Optional.ofNullable(agents.get(id));
    }
  }

  @Override
  public Optional<AgentRecord> agentByName(String name) {
    synchronized (lock) {
      checkOpen();
      return findAgent(name);
    }
  }

  @Override
  public List<AgentRecord> agents() {
    synchronized (lock) {
      checkOpen();
      return agents.values().stream().sorted(Comparator.comparing(AgentRecord::name)).toList();
    }
  }

  @Override
  public void deleteAgent(String id) {
    synchronized (lock) {
      checkOpen();
      if (agents.remove(id) == null) {
        throw StoreException.notFound(AgentRecord.ENTITY, "id", id);
      }
      keys.values().removeIf(k -> k.spec().agentId().equals(id));
    }
  }

  @Override
  public ApiKeyRecord createApiKey(ApiKeySpec spec) {
    synchronized (lock) {
      checkOpen();
      AgentRecord agent = agents.get(spec.agentId());
      if (agent == null) {
        throw StoreException.notFound(AgentRecord.ENTITY, "id", spec.agentId());
      }
      if (keys.values().stream().anyMatch(k -> k.spec().hash().equals(spec.hash()))) {
        throw StoreException.duplicate(ApiKeySpec.ENTITY, spec.prefix());
      }
      ApiKeyRecord record =
          new ApiKeyRecord(
              UUID.randomUUID().toString(), spec, agent.name(), now(), Optional.empty());
      keys.put(record.id(), record);
      return record;
    }
  }

  @Override
  public Optional<ApiKeyRecord> apiKey(String id) {
    synchronized (lock) {
      checkOpen();
      return Optional.ofNullable(keys.get(id));
    }
  }

  @Override
  public Optional<ApiKeyRecord> apiKeyByHash(String hash) {
    synchronized (lock) {
      checkOpen();
      return keys.values().stream().filter(k -> k.spec().hash().equals(hash)).findFirst();
    }
  }

  @Override
  public List<ApiKeyRecord> apiKeys() {
    synchronized (lock) {
      checkOpen();
      return keys.values().stream()
          .sorted(
              Comparator.comparing(ApiKeyRecord::agentName)
                  .thenComparing(ApiKeyRecord::createdAt)
                  .thenComparing(ApiKeyRecord::id))
          .toList();
    }
  }

  @Override
  public ApiKeyRecord revokeApiKey(String id) {
    synchronized (lock) {
      checkOpen();
      ApiKeyRecord key = keys.get(id);
      if (key == null) {
        throw StoreException.notFound(ApiKeySpec.ENTITY, "id", id);
      }
      if (!key.active()) {
        return key;
      }
      ApiKeyRecord revoked =
          new ApiKeyRecord(
              key.id(), key.spec(), key.agentName(), key.createdAt(), Optional.of(now()));
      keys.put(id, revoked);
      return revoked;
    }
  }

  @Override
  public boolean hasActiveApiKeys() {
    synchronized (lock) {
      checkOpen();
      return keys.values().stream().anyMatch(ApiKeyRecord::active);
    }
  }

  // --- the store itself

  @Override
  public int schemaVersion() {
    return SCHEMA_VERSION;
  }

  @Override
  public String describe() {
    return "in-memory store";
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void checkOpen() {
    if (closed) {
      throw StoreException.unavailable("the in-memory store is closed", null);
    }
  }

  private Optional<ServerRecord> findServer(String name) {
    return servers.values().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private Optional<AgentRecord> findAgent(String name) {
    return agents.values().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private Optional<GroupRecord> findGroup(String name) {
    return groups.values().stream().filter(g -> g.name().equals(name)).findFirst();
  }

  private ServerRecord requireServer(String id) {
    ServerRecord record = servers.get(id);
    if (record == null) {
      throw StoreException.notFound(ServerSpec.ENTITY, "id", id);
    }
    return record;
  }

  private GroupRecord requireGroup(String id) {
    GroupRecord record = groups.get(id);
    if (record == null) {
      throw StoreException.notFound(GroupSpec.ENTITY, "id", id);
    }
    return record;
  }

  private void renameMember(String oldName, String newName) {
    for (List<String> list : members.values()) {
      Set<String> present = new HashSet<>(list);
      list.replaceAll(n -> n.equals(oldName) && !present.contains(newName) ? newName : n);
      list.remove(oldName);
    }
  }
}
