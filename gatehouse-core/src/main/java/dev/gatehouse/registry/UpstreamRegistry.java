package dev.gatehouse.registry;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamListener;
import dev.gatehouse.upstream.UpstreamState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstreams the gateway fronts and the merged {@link Catalog} of what they offer. Each
 * upstream's listing is fetched when it becomes ready and again on its {@code list_changed}
 * notifications; an unavailable upstream's entries leave the catalog until it is back.
 */
public final class UpstreamRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpstreamRegistry.class);

  /** Replaced whole on {@link #reconcile}, so readers iterate a stable snapshot without locks. */
  private volatile Map<String, Member> members = Map.of();

  private final Function<UpstreamConfig, UpstreamConnection> connector;
  private final String separator;
  private final Object membershipLock = new Object();
  private volatile boolean started;
  private volatile boolean closed;
  private volatile boolean autoList = true;

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);
  private final List<CatalogListener> listeners = new CopyOnWriteArrayList<>();
  private final Object rebuildLock = new Object();
  private volatile Catalog catalog = Catalog.empty();

  private final class Member implements UpstreamListener {
    final UpstreamConnection connection;
    final Namespace namespace;
    volatile ServerCatalog listing;
    final AtomicBoolean refreshing = new AtomicBoolean();
    final AtomicBoolean refreshAgain = new AtomicBoolean();

    Member(UpstreamConnection connection, Namespace namespace) {
      this.connection = connection;
      this.namespace = namespace;
    }

    @Override
    public void onStateChanged(UpstreamConnection upstream, UpstreamState state) {
      if (state == UpstreamState.READY && autoList) {
        refreshInBackground(this);
      } else if (listing != null) {
        listing = null;
        rebuild();
      }
    }

    @Override
    public void onNotification(UpstreamConnection upstream, Notification notification) {
      switch (notification.method()) {
        case McpMethods.TOOLS_LIST_CHANGED,
            McpMethods.PROMPTS_LIST_CHANGED,
            McpMethods.RESOURCES_LIST_CHANGED ->
            refreshInBackground(this);
        default -> {
          for (CatalogListener listener : listeners) {
            listener.onUpstreamNotification(upstream, notification);
          }
        }
      }
    }
  }

  /**
   * @param upstreams the configured upstreams, in the order their names take precedence
   * @param connector opens a connection for a config (not yet started)
   * @param separator between prefix and name, usually {@link Namespace#DEFAULT_SEPARATOR}
   */
  public UpstreamRegistry(
      List<UpstreamConfig> upstreams,
      Function<UpstreamConfig, UpstreamConnection> connector,
      String separator) {
    this.connector = connector;
    this.separator = separator;
    Map<String, Member> initial = new LinkedHashMap<>();
    for (UpstreamConfig config : upstreams) {
      if (initial.containsKey(config.name())) {
        throw new IllegalArgumentException("duplicate server name \"" + config.name() + "\"");
      }
      initial.put(config.name(), member(config));
    }
    members = Collections.unmodifiableMap(initial);
  }

  private Member member(UpstreamConfig config) {
    Member member = new Member(connector.apply(config), new Namespace(config.prefix(), separator));
    member.connection.addListener(member);
    return member;
  }

  /**
   * Makes the set of upstreams match {@code upstreams}: new ones are opened, removed ones closed,
   * changed ones replaced, unchanged ones keep their connection and listing. Sessions of clients
   * are untouched; the catalog changes as the new upstreams get ready.
   *
   * @return the names of the upstreams opened or replaced
   */
  public List<String> reconcile(List<UpstreamConfig> upstreams) {
    List<String> opened = new ArrayList<>();
    List<Member> closed = new ArrayList<>();
    List<Member> toStart = new ArrayList<>();
    synchronized (membershipLock) {
      Map<String, Member> current = members;
      Map<String, Member> next = new LinkedHashMap<>();
      for (UpstreamConfig config : upstreams) {
        if (next.containsKey(config.name())) {
          throw new IllegalArgumentException("duplicate server name \"" + config.name() + "\"");
        }
        Member existing = current.get(config.name());
        if (existing != null && existing.connection.config().equals(config)) {
          next.put(config.name(), existing);
          continue;
        }
        if (existing != null) {
          closed.add(existing);
        }
        Member fresh = member(config);
        next.put(config.name(), fresh);
        toStart.add(fresh);
        opened.add(config.name());
      }
      current.forEach((name, member) -> {
        if (!next.containsKey(name)) {
          closed.add(member);
        }
      });
      members = Collections.unmodifiableMap(next);
    }
    for (Member member : closed) {
      member.listing = null;
      closeQuietly(member);
    }
    if (started) {
      toStart.forEach(m -> m.connection.start());
    }
    rebuild();
    return opened;
  }

  public void addListener(CatalogListener listener) {
    listeners.add(listener);
  }

  /** Starts every connection; each connects in the background and joins the catalog when ready. */
  public void start() {
    started = true;
    members.values().forEach(m -> m.connection.start());
  }

  public Catalog catalog() {
    return catalog;
  }

  public Optional<UpstreamConnection> connection(String name) {
    Member member = members.get(name);
    return member == null ? Optional.empty() : Optional.of(member.connection);
  }

  public Collection<UpstreamConnection> connections() {
    return members.values().stream().map(m -> m.connection).toList();
  }

  /** An upstream and its own name for something a client asked for. */
  public record NameRoute(String server, String name) {}

  /**
   * Where a tool or prompt name goes that the catalog does not list (the upstream is down, its
   * listing is stale, or the name does not exist): the upstream with the longest prefix the name
   * starts with, else the only upstream without a prefix. That upstream then answers for itself, as
   * it would without the gateway.
   */
  public Optional<NameRoute> routeUnlisted(String exposedName) {
    Member owner = null;
    String original = null;
    List<Member> unprefixed = new ArrayList<>();
    for (Member member : members.values()) {
      String prefix = member.namespace.prefix();
      if (prefix.isEmpty()) {
        unprefixed.add(member);
        continue;
      }
      Optional<String> name = member.namespace.original(exposedName);
      if (name.isPresent()
          && (owner == null || prefix.length() > owner.namespace.prefix().length())) {
        owner = member;
        original = name.get();
      }
    }
    if (owner != null) {
      return Optional.of(new NameRoute(owner.connection.name(), original));
    }
    return unprefixed.size() == 1
        ? Optional.of(new NameRoute(unprefixed.getFirst().connection.name(), exposedName))
        : Optional.empty();
  }

  /**
   * The one upstream that serves resources, when there is exactly one: unlisted URIs (dynamic
   * resources, subscriptions to URIs not listed) go there.
   */
  public Optional<String> soleResourceServer() {
    List<String> servers =
        members.values().stream()
            .filter(m -> m.connection.serverInfo().map(i -> i.has("resources")).orElse(false))
            .map(m -> m.connection.name())
            .toList();
    return servers.size() == 1 ? Optional.of(servers.getFirst()) : Optional.empty();
  }

  /**
   * Whether an upstream is listed as soon as it gets ready (the default). Off, upstreams are listed
   * only when they say their list changed or on {@link #refreshAll()}; a gateway serving a
   * last-known catalog uses this to defer listing.
   */
  public void listOnReady(boolean on) {
    autoList = on;
  }

  /** Lists every ready upstream again, in the background; turns {@link #listOnReady} back on. */
  public void refreshAll() {
    autoList = true;
    for (Member member : members.values()) {
      if (member.connection.state() == UpstreamState.READY) {
        refreshInBackground(member);
      }
    }
  }

  /** What an upstream listed last, as merged into the catalog; empty while it has no listing. */
  public Optional<ServerCatalog> listing(String name) {
    Member member = members.get(name);
    return member == null ? Optional.empty() : Optional.ofNullable(member.listing);
  }

  /**
   * Serves a last-known listing for an upstream that has none yet, so a starting gateway lists
   * tools at once; the upstream's own listing replaces it when it gets ready, and it is dropped if
   * the upstream turns out to be unavailable.
   */
  public void seed(ServerCatalog listing) {
    Member member = members.get(listing.server());
    if (member != null && member.listing == null) {
      member.listing = listing;
      rebuild();
    }
  }

  /** True once every upstream is either listed (ready) or known to be unavailable. */
  public boolean settled() {
    for (Member member : members.values()) {
      UpstreamState state = member.connection.state();
      boolean listed =
          state == UpstreamState.READY && member.listing != null && !member.refreshing.get();
      if (!listed && state != UpstreamState.UNAVAILABLE && state != UpstreamState.CLOSED) {
        return false;
      }
    }
    return true;
  }

  /** Fetches one upstream's listing now and merges it; returns what the upstream lists. */
  public ServerCatalog refresh(String name) {
    Member member = members.get(name);
    if (member == null) {
      throw new GatewayException(ErrorCode.DOMAIN_NOT_FOUND, "no server named \"" + name + "\"");
    }
    ServerCatalog listing = CatalogFetcher.fetch(member.connection);
    member.listing = listing;
    rebuild();
    return listing;
  }

  /**
   * Coalesces bursts of list_changed: one fetch runs at a time, and one more if asked meanwhile.
   */
  private void refreshInBackground(Member member) {
    member.refreshAgain.set(true);
    if (!member.refreshing.compareAndSet(false, true)) {
      return;
    }
    Thread.ofVirtual()
        .name("refresh-" + member.connection.name())
        .start(() -> {
          try {
            Duration delay = FIRST_RETRY;
            while (member.refreshAgain.getAndSet(false)) {
              if (!fetchInto(member) && retryable(member)) {
                // A listing that failed while the upstream stays ready would otherwise leave its
                // tools missing until its next list_changed: try again, backing off.
                sleep(delay);
                delay =
                    delay.multipliedBy(2).compareTo(LAST_RETRY) > 0
                        ? LAST_RETRY
                        : delay.multipliedBy(2);
                member.refreshAgain.set(true);
              }
            }
          } finally {
            member.refreshing.set(false);
          }
          if (member.refreshAgain.get()) {
            refreshInBackground(member);
          }
        });
  }

  /** Fetches a member's listing into the catalog; false when the upstream could not list. */
  private boolean fetchInto(Member member) {
    try {
      member.listing = CatalogFetcher.fetch(member.connection);
      rebuild();
      return true;
    } catch (GatewayException e) {
      log.warn("Could not list {}: {}", member.connection.name(), e.getMessage());
      return false;
    }
  }

  private boolean retryable(Member member) {
    return !closed
        && member.connection.state() == UpstreamState.READY
        && members.get(member.connection.name()) == member;
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void rebuild() {
    Catalog before;
    Catalog after;
    synchronized (rebuildLock) {
      List<Catalog.Part> parts = new ArrayList<>();
      for (Member member : members.values()) {
        ServerCatalog listing = member.listing;
        if (listing != null) {
          parts.add(new Catalog.Part(listing, member.namespace));
        }
      }
      before = catalog;
      after = Catalog.of(parts);
      catalog = after;
    }
    after.conflicts().stream()
        .filter(c -> !before.conflicts().contains(c))
        .forEach(c -> log.error("Name collision: {}", c));
    boolean tools = !before.tools().equals(after.tools());
    boolean prompts = !before.prompts().equals(after.prompts());
    boolean resources =
        !before.resources().equals(after.resources())
            || !before.resourceTemplates().equals(after.resourceTemplates());
    if (tools || prompts || resources) {
      for (CatalogListener listener : listeners) {
        listener.onCatalogChanged(after, tools, prompts, resources);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    members.values().forEach(UpstreamRegistry::closeQuietly);
  }

  private static void closeQuietly(Member member) {
    try {
      member.connection.close();
    } catch (RuntimeException e) {
      log.warn("Closing {} failed: {}", member.connection.name(), e.getMessage());
    }
  }
}
