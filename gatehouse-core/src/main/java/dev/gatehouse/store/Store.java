package dev.gatehouse.store;

import java.util.List;
import java.util.Optional;

/**
 * Where the gateway keeps what is added at run time: upstream servers, groups and their members,
 * the last-known catalog of each upstream, and agents with their API keys (as hashes only).
 * Implementations: {@link InMemoryStore} here, SQLite and PostgreSQL in {@code
 * gatehouse-store-jdbc}; all pass the same contract tests.
 *
 * <p>Every method is safe to call from many threads at once and blocks until the backend answers;
 * every failure is a {@link StoreException}. Servers and groups have an id the store assigns
 * (stable across renames) and a unique {@code [a-z0-9-]+} name. Lists come back ordered by name.
 *
 * <p>Group members and catalog snapshots refer to servers by <em>name</em>, not id, because the
 * config file's servers (which this store does not hold) can be members and have catalogs too. The
 * store therefore does not check that a member name exists; it does keep names in step with the
 * servers it holds: renaming a server renames it in every group and moves its snapshot, deleting
 * one removes it from every group and drops its snapshot.
 */
public interface Store extends AutoCloseable {

  // --- servers

  /**
   * @throws StoreException DUPLICATE when the name is taken
   */
  ServerRecord createServer(ServerSpec spec);

  Optional<ServerRecord> server(String id);

  Optional<ServerRecord> serverByName(String name);

  /** All servers, ordered by name. */
  List<ServerRecord> servers();

  /**
   * Changes the fields the patch sets and stamps {@code updatedAt}; an empty patch, or one that
   * changes nothing, returns the record as it was.
   *
   * @throws StoreException NOT_FOUND for an unknown id, DUPLICATE when renaming to a taken name,
   *     INVALID when the result breaks a rule
   */
  ServerRecord updateServer(String id, ServerPatch patch);

  /**
   * Deletes the server, its group memberships and its catalog snapshot.
   *
   * @throws StoreException NOT_FOUND for an unknown id
   */
  void deleteServer(String id);

  // --- groups

  /**
   * @throws StoreException DUPLICATE when the name is taken
   */
  GroupRecord createGroup(GroupSpec spec);

  Optional<GroupRecord> group(String id);

  Optional<GroupRecord> groupByName(String name);

  /** All groups, ordered by name. */
  List<GroupRecord> groups();

  /**
   * @throws StoreException NOT_FOUND for an unknown id, DUPLICATE when renaming to a taken name,
   *     INVALID when the result breaks a rule
   */
  GroupRecord updateGroup(String id, GroupPatch patch);

  /**
   * Deletes the group and its membership list; the servers stay.
   *
   * @throws StoreException NOT_FOUND for an unknown id
   */
  void deleteGroup(String id);

  /**
   * Replaces the group's members with these server names, in this order.
   *
   * @return the members as stored
   * @throws StoreException NOT_FOUND for an unknown group id, INVALID for a malformed or repeated
   *     name
   */
  List<String> setGroupMembers(String groupId, List<String> serverNames);

  /**
   * The group's member server names, in the order they were set.
   *
   * @throws StoreException NOT_FOUND for an unknown group id
   */
  List<String> groupMembers(String groupId);

  // --- catalog snapshots

  /** Keeps the snapshot, replacing the server's previous one. */
  void putCatalogSnapshot(CatalogSnapshot snapshot);

  Optional<CatalogSnapshot> catalogSnapshot(String serverName);

  /** Every snapshot, ordered by server name: what a starting gateway serves at once. */
  List<CatalogSnapshot> catalogSnapshots();

  /** Drops the server's snapshot, if it has one (a file-managed server left the config). */
  void deleteCatalogSnapshot(String serverName);

  // --- agents and API keys

  /**
   * @throws StoreException DUPLICATE when the name is taken, INVALID for a malformed name
   */
  AgentRecord createAgent(String name, Optional<String> description);

  Optional<AgentRecord> agent(String id);

  Optional<AgentRecord> agentByName(String name);

  /** All agents, ordered by name. */
  List<AgentRecord> agents();

  /**
   * Deletes the agent and every API key of it.
   *
   * @throws StoreException NOT_FOUND for an unknown id
   */
  void deleteAgent(String id);

  /**
   * @throws StoreException NOT_FOUND for an unknown agent, DUPLICATE when a key with the same hash
   *     exists
   */
  ApiKeyRecord createApiKey(ApiKeySpec spec);

  Optional<ApiKeyRecord> apiKey(String id);

  /** The key with this SHA-256, revoked or not: how a presented key is recognised. */
  Optional<ApiKeyRecord> apiKeyByHash(String hash);

  /** Every key, revoked ones included, ordered by agent name and then creation time. */
  List<ApiKeyRecord> apiKeys();

  /**
   * Marks the key revoked; revoking it again keeps the first time.
   *
   * @throws StoreException NOT_FOUND for an unknown id
   */
  ApiKeyRecord revokeApiKey(String id);

  /** Whether any key that is not revoked exists. */
  boolean hasActiveApiKeys();

  // --- the store itself

  /**
   * The version of the schema the backend holds: the latest migration applied ({@code 1} for {@code
   * V1__init.sql}, {@code 2} once agents and keys exist). The in-memory store answers the version
   * its shape matches.
   */
  int schemaVersion();

  /** Where the data lives, for logs and errors; never shows a password. */
  String describe();

  /** Releases connections and files; the store is unusable afterwards. */
  @Override
  void close();
}
