package dev.gatehouse.cli;

import dev.gatehouse.Gateway;
import dev.gatehouse.cli.admin.AdminMount;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.cli.config.RegistrySettings;
import dev.gatehouse.cli.config.RegistrySettings.StartupCatalog;
import dev.gatehouse.cli.governance.Governance;
import dev.gatehouse.cli.identity.AccessControl;
import dev.gatehouse.cli.reload.GatewayStatusTool;
import dev.gatehouse.cli.reload.HotReload;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.routing.EndpointSettings;
import dev.gatehouse.routing.GatewayVersion;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.jdbc.Stores;
import dev.gatehouse.upstream.UpstreamConnections;
import dev.gatehouse.upstream.UpstreamOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A running gateway built from a config: the store and directory of servers, the engine with its
 * upstream connections, and the HTTP server with {@code /mcp} and the group endpoints {@code
 * /mcp/g/{group}}. What {@code gatehouse serve} runs, and what end-to-end tests start in-process.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]");
  private static final Duration STARTUP_REFRESH_LIMIT = Duration.ofSeconds(60);

  private final Store store;
  private final Gateway gateway;
  private final Directory directory;
  private final GatehouseHttpServer server;
  private final Thread refresher;
  private final HotReload reload;

  private Daemon(
      Store store,
      Gateway gateway,
      Directory directory,
      GatehouseHttpServer server,
      Thread refresher,
      HotReload reload) {
    this.store = store;
    this.gateway = gateway;
    this.directory = directory;
    this.server = server;
    this.refresher = refresher;
    this.reload = reload;
  }

  /** Starts with the config's store, or an in-memory one when the config names none. */
  public static Daemon start(GatehouseConfig config) {
    return start(config, Optional.empty());
  }

  /**
   * Starts connecting upstreams and serving HTTP; returns once the port is bound (and, with {@code
   * "startup_catalog": "refresh"}, once every upstream was listed or found unavailable).
   *
   * @param home {@code $GATEHOUSE_HOME}, where the default SQLite store lives; without it and
   *     without a {@code "store"} key, nothing is kept across restarts
   */
  public static Daemon start(GatehouseConfig config, Optional<Path> home) {
    RegistrySettings settings = RegistrySettings.of(config);
    Governance governance = Governance.from(config, true, home);
    Store store = openStore(settings, home);
    Gateway gateway = null;
    try {
      AccessControl access = AccessControl.from(config, store, System.getenv());
      AtomicReference<HotReload> reloads = new AtomicReference<>();
      // The directory needs the gateway's registry, and the gateway's endpoints its views.
      AtomicReference<Directory> views = new AtomicReference<>();
      gateway =
          gateway(
              config.withServers(java.util.List.of()),
              governance,
              builder ->
                  withAgents(access, reloads, builder)
                      .mainView(() -> views.get() == null ? View.none() : views.get().mainView())
                      .groups(
                          g -> views.get() == null ? Optional.empty() : views.get().groupView(g))
                      .groupModes(
                          g -> views.get() == null ? Optional.empty() : views.get().groupMode(g)));
      Directory directory = new Directory(store, config.servers(), gateway.registry());
      views.set(directory);
      CatalogKeeper keeper = new CatalogKeeper(store, gateway.registry(), Clock.systemUTC());
      gateway.registry().listOnReady(settings.startupCatalog() != StartupCatalog.SKIP);
      directory.reconcile();
      keeper.seed();
      gateway.registry().addListener(keeper);
      gateway.start();
      if (settings.startupCatalog() == StartupCatalog.REFRESH) {
        awaitSettled(gateway);
      }
      reloads.set(new HotReload(config, access, directory, System.getenv()));
      GatehouseHttpServer server =
          http(config, gateway, governance, directory, access, reloads.get());
      governance.served(server.uri());
      reloads.get().start();
      Gateway running = gateway;
      Thread refresher =
          settings.refreshInterval().map(every -> refresher(running, every)).orElse(null);
      return new Daemon(store, gateway, directory, server, refresher, reloads.get());
    } catch (RuntimeException e) {
      if (gateway != null) {
        gateway.close();
      }
      store.close();
      throw e;
    }
  }

  private static Store openStore(RegistrySettings settings, Optional<Path> home) {
    if (settings.store().isEmpty() && home.isEmpty()) {
      return InMemoryStore.create();
    }
    return Stores.open(settings.store().orElse(""), home.orElse(Path.of(".")));
  }

  /** Agents and credentials on every endpoint; with {@code "debug"}, the status tool. */
  private static Gateway.Builder withAgents(
      AccessControl access, AtomicReference<HotReload> reloads, Gateway.Builder builder) {
    if (access.config().debug()) {
      builder.plugin(new GatewayStatusTool(reloads, access));
    }
    return access.applyTo(builder);
  }

  private static GatehouseHttpServer http(
      GatehouseConfig config,
      Gateway gateway,
      Governance governance,
      Directory directory,
      AccessControl access,
      HotReload reload) {
    HttpTransportOptions.Builder http = HttpTransportOptions.builder();
    config.allowedOrigins().forEach(http::allowOrigin);
    config.allowedHosts().forEach(http::allowHost);
    http.streamResponses(config.streamResponses());
    if (!WILDCARD_HOSTS.contains(config.host())) {
      // Clients of a gateway bound to a named address send that name as Host.
      http.allowHost(config.host());
    }
    HttpTransportOptions options = http.build();
    GatehouseHttpServer.Builder server =
        GatehouseHttpServer.builder()
            .host(config.host())
            .port(config.port())
            .options(options)
            .mcp("/mcp", gateway.handler())
            .mcpPrefix(
                "/mcp/g",
                path -> {
                  String group = path.startsWith("/") ? path.substring(1) : path;
                  return group.isEmpty() || group.contains("/")
                      ? Optional.empty()
                      : gateway.handler(group);
                });
    governance.mount(server, gateway, options);
    access.mount(server, options);
    UpstreamOptions probes =
        UpstreamOptions.defaults().withClientCapabilities(upstreamCapabilities());
    AdminMount.install(
        config,
        directory,
        options,
        c -> UpstreamConnections.open(c, probes),
        server,
        reload,
        access::status);
    return server.build().start();
  }

  private static void awaitSettled(Gateway gateway) {
    Instant deadline = Instant.now().plus(STARTUP_REFRESH_LIMIT);
    while (!gateway.registry().settled() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Thread refresher(Gateway gateway, Duration every) {
    return Thread.ofVirtual()
        .name("gatehouse-refresh")
        .start(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            try {
              Thread.sleep(every);
            } catch (InterruptedException e) {
              return;
            }
            for (var upstream : gateway.registry().connections()) {
              try {
                gateway.registry().refresh(upstream.name());
              } catch (RuntimeException e) {
                log.debug("Periodic refresh of {} failed: {}", upstream.name(), e.getMessage());
              }
            }
          }
        });
  }

  /** The engine for a config, not yet started; shared by {@code serve} and {@code stdio}. */
  static Gateway gateway(GatehouseConfig config) {
    return gateway(
        config,
        Governance.from(config, false, Optional.of(ConfigLocator.system().home())),
        // stdio carries no credentials: agents come from the default agent or agent_id.
        builder ->
            AccessControl.from(config, InMemoryStore.create(), System.getenv()).applyTo(builder));
  }

  private static Gateway gateway(
      GatehouseConfig config, Governance governance, UnaryOperator<Gateway.Builder> more) {
    UpstreamOptions upstreamOptions =
        UpstreamOptions.defaults().withClientCapabilities(upstreamCapabilities());
    Gateway.Builder builder =
        Gateway.builder()
            .upstreams(config.upstreams())
            .settings(
                new EndpointSettings("gatehouse", GatewayVersion.VERSION, config.instructions(), 0))
            .connector(c -> UpstreamConnections.open(c, upstreamOptions))
            .discovery(ConfigParser.discovery(config.raw(), "the config"));
    return more.apply(governance.applyTo(builder)).build();
  }

  /**
   * What the gateway declares to upstreams: everything it can route back to a client, so tools that
   * need sampling, elicitation or roots are listed.
   */
  static ObjectNode upstreamCapabilities() {
    ObjectNode capabilities = Json.object();
    capabilities.putObject("roots").put("listChanged", true);
    capabilities.putObject("sampling");
    ObjectNode elicitation = capabilities.putObject("elicitation");
    elicitation.putObject("form");
    elicitation.putObject("url");
    return capabilities;
  }

  public Gateway gateway() {
    return gateway;
  }

  public Directory directory() {
    return directory;
  }

  /**
   * Reads the config file and the agent rules again and applies what changed, as SIGHUP and {@code
   * gatehouse reload} do; an invalid file is refused and the last good configuration stays.
   */
  public Directory.ReloadReport reload() {
    return reload.reload();
  }

  /** The hot reload of the config and rules files, with its status. */
  public HotReload hotReload() {
    return reload;
  }

  /** The MCP endpoint, {@code http://host:port/mcp}. */
  public URI mcpUri() {
    return server.uri().resolve("/mcp");
  }

  /** The server's base, {@code http://host:port/}. */
  public URI baseUri() {
    return server.uri();
  }

  public int port() {
    return server.port();
  }

  /**
   * Stops: the upstreams first, so calls still running end at once with a SERVER_UNAVAILABLE error
   * their clients receive, then the HTTP server, which by then has nothing left to wait for.
   */
  @Override
  public void close() {
    if (refresher != null) {
      refresher.interrupt();
    }
    reload.close();
    try {
      gateway.close();
    } finally {
      try {
        server.close();
      } finally {
        store.close();
      }
    }
  }
}
