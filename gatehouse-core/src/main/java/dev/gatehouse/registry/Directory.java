package dev.gatehouse.registry;

import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.policy.AllowDeny;
import dev.gatehouse.policy.EndpointView;
import dev.gatehouse.policy.View;
import dev.gatehouse.store.GroupPatch;
import dev.gatehouse.store.GroupRecord;
import dev.gatehouse.store.GroupSpec;
import dev.gatehouse.store.ServerPatch;
import dev.gatehouse.store.ServerRecord;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.upstream.UpstreamConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every server the gateway knows, from both sources — the config file's {@code mcpServers}
 * (file-managed, read-only here) and the {@link Store} (added through the CLI or admin API) — with
 * the groups over them. Names are unique across both sources. Changes are written to the store and
 * take effect on {@link #reload()}, which reconnects what changed and recomputes the views.
 */
public final class Directory {
  private static final String SERVER = "server";
  private static final String GROUP = "group";

  private final Store store;
  private final UpstreamRegistry registry;
  private final Object reloadLock = new Object();
  private volatile List<ServerSpec> configServers;
  private volatile Views views = new Views(EndpointView.main(Map.of()), Map.of(), Map.of());

  /** Where a server is defined. */
  public enum Source {
    CONFIG,
    STORE
  }

  /**
   * One server as the directory lists it.
   *
   * @param id the store's id, or the name for a config server
   */
  public record ServerEntry(
      String id,
      Source source,
      ServerSpec spec,
      Optional<Instant> createdAt,
      Optional<Instant> updatedAt) {

    public String name() {
      return spec.name();
    }
  }

  /** One group with its members, in order. */
  public record GroupEntry(GroupRecord record, List<String> members) {
    public String name() {
      return record.spec().name();
    }
  }

  /** The result of a reload. */
  public record ReloadReport(List<String> servers, List<String> reconnected, List<String> groups) {}

  private record Views(View main, Map<String, View> groups, Map<String, EndpointMode> modes) {}

  public Directory(Store store, List<ServerSpec> configServers, UpstreamRegistry registry) {
    this.store = store;
    this.registry = registry;
    this.configServers = List.copyOf(configServers);
  }

  // --- servers

  public List<ServerEntry> servers() {
    List<ServerEntry> entries = new ArrayList<>();
    configServers.forEach(spec -> entries.add(fromConfig(spec)));
    store.servers().forEach(record -> entries.add(fromStore(record)));
    return entries;
  }

  /** A server by store id or by name. */
  public Optional<ServerEntry> server(String idOrName) {
    for (ServerSpec spec : configServers) {
      if (spec.name().equals(idOrName)) {
        return Optional.of(fromConfig(spec));
      }
    }
    return store.server(idOrName).or(() -> store.serverByName(idOrName)).map(Directory::fromStore);
  }

  /**
   * @throws StoreException DUPLICATE when the name is taken in the store or by the config file
   */
  public ServerEntry createServer(ServerSpec spec) {
    if (configServers.stream().anyMatch(s -> s.name().equals(spec.name()))) {
      throw StoreException.duplicate(SERVER, spec.name());
    }
    return fromStore(store.createServer(spec));
  }

  /**
   * @throws StoreException NOT_FOUND, READ_ONLY for a config server, DUPLICATE on a rename clash
   */
  public ServerEntry updateServer(String idOrName, ServerPatch patch) {
    ServerRecord record = storeServer(idOrName);
    ServerSpec changed = patch.applyTo(record.spec());
    if (!changed.name().equals(record.spec().name())
        && configServers.stream().anyMatch(s -> s.name().equals(changed.name()))) {
      throw StoreException.duplicate(SERVER, changed.name());
    }
    return fromStore(store.updateServer(record.id(), patch));
  }

  public void deleteServer(String idOrName) {
    store.deleteServer(storeServer(idOrName).id());
  }

  private ServerRecord storeServer(String idOrName) {
    if (configServers.stream().anyMatch(s -> s.name().equals(idOrName))) {
      throw StoreException.readOnly(
          SERVER, idOrName, "is managed by the config file; change it there");
    }
    return store
        .server(idOrName)
        .or(() -> store.serverByName(idOrName))
        .orElseThrow(() -> StoreException.notFound(SERVER, "id", idOrName));
  }

  // --- groups

  public List<GroupEntry> groups() {
    return store.groups().stream().map(this::withMembers).toList();
  }

  public Optional<GroupEntry> group(String idOrName) {
    return store.group(idOrName).or(() -> store.groupByName(idOrName)).map(this::withMembers);
  }

  public GroupEntry createGroup(GroupSpec spec) {
    return withMembers(store.createGroup(spec));
  }

  public GroupEntry updateGroup(String idOrName, GroupPatch patch) {
    return withMembers(store.updateGroup(groupRecord(idOrName).id(), patch));
  }

  public void deleteGroup(String idOrName) {
    store.deleteGroup(groupRecord(idOrName).id());
  }

  /**
   * @throws StoreException INVALID naming the first server that does not exist
   */
  public GroupEntry setMembers(String idOrName, List<String> serverNames) {
    GroupRecord record = groupRecord(idOrName);
    Set<String> known = new HashSet<>();
    servers().forEach(s -> known.add(s.name()));
    for (String name : serverNames) {
      if (!known.contains(name)) {
        throw StoreException.invalid(
            GROUP, record.spec().name(), "servers", "no server named \"" + name + "\"");
      }
    }
    store.setGroupMembers(record.id(), serverNames);
    return withMembers(record);
  }

  private GroupRecord groupRecord(String idOrName) {
    return store
        .group(idOrName)
        .or(() -> store.groupByName(idOrName))
        .orElseThrow(() -> StoreException.notFound(GROUP, "id", idOrName));
  }

  private GroupEntry withMembers(GroupRecord record) {
    return new GroupEntry(record, store.groupMembers(record.id()));
  }

  // --- running state

  /** Replaces the file-managed servers (a changed config file); takes effect on reload. */
  public void setConfigServers(List<ServerSpec> servers) {
    configServers = List.copyOf(servers);
  }

  /**
   * Makes the running gateway match the directory: connects new and changed enabled servers,
   * disconnects removed and disabled ones, and recomputes what each endpoint shows.
   *
   * @throws StoreException DUPLICATE when a store server's name is also in the config file
   */
  public ReloadReport reload() {
    ReloadReport report = reconcile();
    registry.refreshAll();
    return report;
  }

  /**
   * Like {@link #reload()}, without listing the upstreams that stay connected again: what a
   * starting gateway does before it serves its last-known catalog.
   */
  public ReloadReport reconcile() {
    synchronized (reloadLock) {
      List<ServerEntry> all = servers();
      Map<String, ServerEntry> byName = new LinkedHashMap<>();
      for (ServerEntry entry : all) {
        ServerEntry clash = byName.putIfAbsent(entry.name(), entry);
        if (clash != null) {
          throw StoreException.duplicate(SERVER, entry.name());
        }
      }
      List<UpstreamConfig> enabled =
          all.stream()
              .filter(e -> e.spec().enabled())
              .map(e -> e.spec().toUpstreamConfig())
              .toList();
      List<String> reconnected = registry.reconcile(enabled);
      Map<String, AllowDeny> rules = new LinkedHashMap<>();
      all.forEach(e -> rules.put(e.name(), AllowDeny.of(e.spec().allow(), e.spec().deny())));
      Map<String, View> groupViews = new LinkedHashMap<>();
      Map<String, EndpointMode> modes = new LinkedHashMap<>();
      for (GroupEntry group : groups()) {
        group.record().spec().mode().ifPresent(m -> modes.put(group.name(), EndpointMode.parse(m)));
        groupViews.put(
            group.name(),
            new EndpointView(
                rules,
                Optional.of(Set.copyOf(group.members())),
                AllowDeny.of(group.record().spec().allow(), group.record().spec().deny())));
      }
      views = new Views(EndpointView.main(rules), Map.copyOf(groupViews), Map.copyOf(modes));
      return new ReloadReport(
          enabled.stream().map(UpstreamConfig::name).toList(),
          reconnected,
          List.copyOf(groupViews.keySet()));
    }
  }

  /** What the main endpoint shows, as of the last reload. */
  public View mainView() {
    return views.main();
  }

  /** A group's own endpoint mode, as of the last reload; empty when it has none. */
  public Optional<EndpointMode> groupMode(String group) {
    return Optional.ofNullable(views.modes().get(group));
  }

  /** What a group's endpoint shows, as of the last reload; empty for an unknown group. */
  public Optional<View> groupView(String group) {
    return Optional.ofNullable(views.groups().get(group));
  }

  public Store store() {
    return store;
  }

  public UpstreamRegistry registry() {
    return registry;
  }

  private static ServerEntry fromConfig(ServerSpec spec) {
    return new ServerEntry(spec.name(), Source.CONFIG, spec, Optional.empty(), Optional.empty());
  }

  private static ServerEntry fromStore(ServerRecord record) {
    return new ServerEntry(
        record.id(),
        Source.STORE,
        record.spec(),
        Optional.of(record.createdAt()),
        Optional.of(record.updatedAt()));
  }
}
