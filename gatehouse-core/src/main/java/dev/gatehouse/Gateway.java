package dev.gatehouse;

import dev.gatehouse.agent.AgentLayer;
import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.client.ClientOptions;
import dev.gatehouse.client.GatewayClient;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.modern.DualEraHandler;
import dev.gatehouse.pipeline.CallPipeline;
import dev.gatehouse.pipeline.ConnectGuard;
import dev.gatehouse.plugin.Plugin;
import dev.gatehouse.plugin.Plugins;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.registry.UpstreamRegistry;
import dev.gatehouse.routing.EndpointSettings;
import dev.gatehouse.routing.GatewayHandler;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * A gateway in front of a set of upstream MCP servers: the entry point for embedding. Build it,
 * {@link #start()} it, and serve {@link #handler()} through any transport (the Streamable HTTP
 * servlet, stdio, or in-process).
 */
public final class Gateway implements AutoCloseable {
  private final UpstreamRegistry registry;
  private final McpHandler handler;
  private final EndpointSettings settings;
  private final DiscoverySettings discovery;
  private final Plugins plugins;
  private final CallPipeline pipeline;
  private final Function<String, Optional<View>> groups;
  private final Function<String, Optional<EndpointMode>> groupModes;
  private final Map<String, McpHandler> groupHandlers = new ConcurrentHashMap<>();
  private final AgentLayer agents;

  private Gateway(Builder builder) {
    this.settings = builder.settings;
    this.discovery = builder.discovery;
    this.plugins = Plugins.of(builder.allPlugins());
    this.agents = builder.agents;
    Hooks hooks = agents.hooks().followedBy(builder.hooks.build()).followedBy(plugins.hooks());
    this.pipeline = new CallPipeline(hooks, plugins.metaTools(), Optional.empty());
    this.registry =
        new UpstreamRegistry(
            builder.upstreams, ConnectGuard.wrap(builder.connector, hooks), builder.separator);
    this.groups = builder.groups;
    this.groupModes = builder.groupModes;
    Supplier<View> main = builder.mainView;
    // The routing core is era-neutral; the 2026-07-28 revision is adapted around it.
    this.handler = DualEraHandler.of(core(exchange -> main.get(), pipeline));
  }

  /** An endpoint's routing core, behind the agent layer. */
  private McpHandler core(Function<Exchange, View> views, CallPipeline endpointPipeline) {
    return core(views, discovery, endpointPipeline);
  }

  private McpHandler core(
      Function<Exchange, View> views, DiscoverySettings mode, CallPipeline endpointPipeline) {
    return agents.endpoint(
        new GatewayHandler(registry, settings, agents.views(views), mode, endpointPipeline),
        exchange -> endpointPipeline.caller(exchange).identity());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts connecting to every upstream, then the plugins; returns at once. */
  public Gateway start() {
    registry.start();
    plugins.start(this);
    return this;
  }

  /** The gateway as an MCP server of both protocol eras, for transports to drive. */
  public McpHandler handler() {
    return handler;
  }

  /**
   * Another endpoint on the same upstreams, showing each caller what {@code views} lets it see: a
   * group endpoint, or one with per-caller rules. Keep the handler for as long as the endpoint is
   * served; each one follows catalog changes.
   */
  public McpHandler endpoint(Function<Exchange, View> views) {
    return DualEraHandler.of(core(views, pipeline));
  }

  /**
   * The endpoint of a group (see {@link Builder#groups}): its view of the catalog, the same hooks,
   * the group named in every hook's context. Empty when no such group exists.
   */
  public Optional<McpHandler> handler(String group) {
    if (groups.apply(group).isEmpty()) {
      return Optional.empty();
    }
    // A group may override the endpoint mode; a handler is kept per group and mode, so a changed
    // mode takes effect for the group's next requests.
    EndpointMode mode = groupModes.apply(group).orElse(discovery.mode());
    return Optional.of(
        groupHandlers.computeIfAbsent(
            group + '\u0000' + mode.id(),
            key ->
                DualEraHandler.of(
                    core(
                        exchange -> groups.apply(group).orElse(View.none()),
                        discovery.withMode(mode),
                        pipeline.forGroup(group)))));
  }

  public Catalog catalog() {
    return registry.catalog();
  }

  public UpstreamRegistry registry() {
    return registry;
  }

  /** The plugins, in order, with their admin routes and meta-tools. */
  public Plugins plugins() {
    return plugins;
  }

  /** An in-process client session on the main endpoint; close it when done. */
  public GatewayClient client() {
    return client(ClientOptions.defaults());
  }

  /**
   * An in-process client session: the same views and hooks as over HTTP, without HTTP.
   *
   * @throws GatewayException {@code group_not_found} for an unknown group
   */
  public GatewayClient client(ClientOptions options) {
    McpHandler endpoint =
        options.group().isEmpty()
            ? handler
            : handler(options.group().get())
                .orElseThrow(() ->
                    new GatewayException(
                        ErrorCode.GROUP_NOT_FOUND, "Unknown group: " + options.group().get()));
    return GatewayClient.open(endpoint, options);
  }

  /** Calls a tool in-process on the main endpoint, through every hook. */
  public ToolResult callTool(String name, ObjectNode arguments) {
    try (GatewayClient client = client()) {
      return client.callTool(name, arguments);
    }
  }

  /** The tool definitions the main endpoint lists. */
  public List<ObjectNode> listTools() {
    try (GatewayClient client = client()) {
      return client.listTools();
    }
  }

  /** The tool definitions a group's endpoint lists. */
  public List<ObjectNode> listTools(String group) {
    try (GatewayClient client = client(ClientOptions.defaults().withGroup(group))) {
      return client.listTools();
    }
  }

  /** Stops the plugins, closes every upstream connection and stops child processes. */
  @Override
  public void close() {
    plugins.stop();
    registry.close();
  }

  /** Configures a {@link Gateway}. */
  public static final class Builder {
    private final List<UpstreamConfig> upstreams = new ArrayList<>();
    private Function<UpstreamConfig, UpstreamConnection> connector;
    private String separator = Namespace.DEFAULT_SEPARATOR;
    private EndpointSettings settings = EndpointSettings.defaults();
    private DiscoverySettings discovery = DiscoverySettings.flat();
    private final Hooks.Builder hooks = Hooks.builder();
    private final List<Plugin> plugins = new ArrayList<>();
    private boolean discoverPlugins;
    private Supplier<View> mainView = View::all;
    private Function<String, Optional<View>> groups = name -> Optional.empty();
    private Function<String, Optional<EndpointMode>> groupModes = name -> Optional.empty();
    private AgentLayer agents = AgentLayer.none();

    private Builder() {}

    public Builder upstream(UpstreamConfig upstream) {
      upstreams.add(Objects.requireNonNull(upstream, "upstream"));
      return this;
    }

    public Builder upstreams(Collection<UpstreamConfig> more) {
      more.forEach(this::upstream);
      return this;
    }

    /** How connections are opened; tests pass in-memory ones. */
    public Builder connector(Function<UpstreamConfig, UpstreamConnection> connector) {
      this.connector = Objects.requireNonNull(connector, "connector");
      return this;
    }

    /** Between prefix and name in exposed names; {@code _} by default. */
    public Builder separator(String separator) {
      if (separator.isEmpty()
          || separator.chars().anyMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
        throw new IllegalArgumentException(
            "the separator must be non-empty and hold no letters, digits or '-'");
      }
      this.separator = separator;
      return this;
    }

    public Builder settings(EndpointSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The endpoint's mode (flat, discovery, hybrid) and domain descriptions; flat by default. */
    public Builder discovery(DiscoverySettings discovery) {
      this.discovery = Objects.requireNonNull(discovery, "discovery");
      return this;
    }

    /**
     * Adds hooks; they run before every plugin's, seam by seam in the order added. Hooks of several
     * calls are appended.
     */
    public Builder hooks(Hooks more) {
      hooks.addAll(Objects.requireNonNull(more, "hooks"));
      return this;
    }

    /** Adds a plugin; plugins contribute in the order added, after {@link #hooks}. */
    public Builder plugin(Plugin plugin) {
      plugins.add(Objects.requireNonNull(plugin, "plugin"));
      return this;
    }

    /**
     * Also uses every plugin {@link java.util.ServiceLoader} finds on the class path, after the
     * ones added, sorted by name; one added by name already is not added twice.
     */
    public Builder discoverPlugins() {
      this.discoverPlugins = true;
      return this;
    }

    /**
     * What the main endpoint ({@link Gateway#handler()}, the in-process client) shows; read for
     * every request, so it may change. Everything by default.
     */
    public Builder mainView(Supplier<View> view) {
      this.mainView = Objects.requireNonNull(view, "view");
      return this;
    }

    /**
     * The groups and what each shows, for {@link Gateway#handler(String)}; read for every request,
     * so groups may come and go. None by default.
     */
    public Builder groups(Function<String, Optional<View>> views) {
      this.groups = Objects.requireNonNull(views, "views");
      return this;
    }

    /** A group's own endpoint mode, where it overrides the gateway's; read per request. */
    public Builder groupModes(Function<String, Optional<EndpointMode>> modes) {
      this.groupModes = Objects.requireNonNull(modes, "modes");
      return this;
    }

    /**
     * Agents on every endpoint: who each request comes from, and what its agent's rules let it see
     * on top of each endpoint's own view. None by default.
     */
    public Builder agents(AgentLayer layer) {
      this.agents = Objects.requireNonNull(layer, "layer");
      return this;
    }

    private List<Plugin> allPlugins() {
      List<Plugin> all = new ArrayList<>(plugins);
      if (discoverPlugins) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Plugins.discover(loader == null ? Gateway.class.getClassLoader() : loader)
            .forEach((name, plugin) -> {
              if (all.stream().noneMatch(p -> p.name().equals(name))) {
                all.add(plugin);
              }
            });
      }
      return all;
    }

    public Gateway build() {
      Objects.requireNonNull(connector, "connector");
      return new Gateway(this);
    }
  }
}
