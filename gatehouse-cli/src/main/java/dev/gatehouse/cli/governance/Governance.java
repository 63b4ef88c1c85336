package dev.gatehouse.cli.governance;

import dev.gatehouse.Gateway;
import dev.gatehouse.approval.ApprovalQueue;
import dev.gatehouse.approval.BrowserNotifier;
import dev.gatehouse.approval.WebhookNotifier;
import dev.gatehouse.audit.JsonLinesAuditLog;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.plugin.Plugin;
import dev.gatehouse.plugin.Plugins;
import dev.gatehouse.policy.CallPolicy;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.admin.ApprovalServlet;
import dev.gatehouse.server.admin.PluginRoutesServlet;
import dev.gatehouse.server.admin.ToolsServlet;
import dev.gatehouse.server.http.HttpTransportOptions;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's governance, built from the config: the {@code policy} globs as a pre-call hook,
 * human approval with its page and notifiers, the audit log, the enabled plugins, and the admin
 * routes that serve them.
 */
public final class Governance {
  private static final Logger log = LoggerFactory.getLogger(Governance.class);

  private final GovernanceConfig config;
  private final Hooks hooks;
  private final Optional<ApprovalQueue> approvals;
  private final List<Plugin> plugins;

  private Governance(
      GovernanceConfig config,
      Hooks hooks,
      Optional<ApprovalQueue> approvals,
      List<Plugin> plugins) {
    this.config = config;
    this.hooks = hooks;
    this.approvals = approvals;
    this.plugins = plugins;
  }

  /**
   * Reads and builds the governance of a config.
   *
   * @param servesHttp whether an approval page can be served (not under {@code stdio})
   * @param home {@code $GATEHOUSE_HOME} (the default audit log, the plugins directory); the
   *     environment's when empty
   * @throws ConfigException for a mistake in the config, naming the key
   */
  public static Governance from(GatehouseConfig config, boolean servesHttp, Optional<Path> home) {
    return from(config, servesHttp, home.orElseGet(() -> ConfigLocator.system().home()));
  }

  private static Governance from(GatehouseConfig config, boolean servesHttp, Path home) {
    String where = config.source().map(p -> "config file " + p).orElse("config");
    Path base =
        config
            .source()
            .map(p -> p.toAbsolutePath().getParent())
            .orElse(Path.of("").toAbsolutePath());
    GovernanceConfig parsed = GovernanceConfigParser.parse(config.raw(), home, base, where);
    return of(parsed, servesHttp, PluginJars.loader(home.resolve("plugins")));
  }

  static Governance of(GovernanceConfig config, boolean servesHttp, ClassLoader pluginLoader) {
    Hooks.Builder hooks = Hooks.builder();
    if (!config.deny().isEmpty() || !config.confirm().isEmpty()) {
      hooks.preCall(CallPolicy.of(config.deny(), config.confirm()));
    }
    Optional<ApprovalQueue> approvals = Optional.empty();
    if (config.hil().enabled() && servesHttp) {
      ApprovalQueue.Builder queue = ApprovalQueue.builder().timeout(config.hil().timeout());
      if (config.hil().autoOpenBrowser()) {
        queue.notifier(BrowserNotifier.system());
      }
      config.hil().webhook().ifPresent(url -> queue.notifier(new WebhookNotifier(url)));
      approvals = Optional.of(queue.build());
      hooks.confirmation(approvals.get());
    } else if (config.hil().enabled()) {
      log.warn(
          "Human approval needs the HTTP server (gatehouse serve); calls needing it are denied");
    } else if (!config.confirm().isEmpty()) {
      log.warn(
          "policy.confirm is set but hil is not enabled: calls matching {} are denied",
          config.confirm());
    }
    if (config.audit().isPresent()) {
      try {
        hooks.audit(JsonLinesAuditLog.open(config.audit().get(), config.auditArguments()));
      } catch (UncheckedIOException e) {
        throw new ConfigException("policy.audit: " + e.getMessage());
      }
    }
    return new Governance(
        config, hooks.build(), approvals, plugins(config.plugins(), pluginLoader));
  }

  private static List<Plugin> plugins(List<String> names, ClassLoader loader) {
    if (names.isEmpty()) {
      return List.of();
    }
    Map<String, Plugin> available;
    try {
      available = Plugins.discover(loader);
    } catch (IllegalArgumentException | java.util.ServiceConfigurationError e) {
      throw new ConfigException("cannot load plugins: " + e.getMessage());
    }
    List<Plugin> chosen = new ArrayList<>();
    for (String name : names) {
      Plugin plugin = available.get(name);
      if (plugin == null) {
        throw new ConfigException(
            "plugin \""
                + name
                + "\" is not installed (found: "
                + (available.isEmpty() ? "none" : String.join(", ", available.keySet()))
                + "); put its jar in $GATEHOUSE_HOME/plugins/");
      }
      chosen.add(plugin);
    }
    return chosen;
  }

  public GovernanceConfig config() {
    return config;
  }

  /** The approval queue, when human approval is on. */
  public Optional<ApprovalQueue> approvals() {
    return approvals;
  }

  /** Registers the hooks and plugins; the policy comes first, then the plugins in config order. */
  public Gateway.Builder applyTo(Gateway.Builder builder) {
    builder.hooks(hooks);
    plugins.forEach(builder::plugin);
    return builder;
  }

  /** Mounts the admin routes: tools REST, the approval page when on, the plugins' routes. */
  public void mount(
      GatehouseHttpServer.Builder server, Gateway gateway, HttpTransportOptions options) {
    server.servlet("/admin/tools/*", new ToolsServlet(gateway, options));
    approvals.ifPresent(
        queue -> server.servlet("/admin/hil/*", new ApprovalServlet(queue, options)));
    if (!gateway.plugins().names().isEmpty()) {
      server.servlet("/admin/plugins/*", new PluginRoutesServlet(gateway.plugins(), options));
    }
  }

  /** The server is up at {@code base}: tells approvals where their page is, and logs a summary. */
  public void served(URI bound) {
    // A wildcard bind address is no place to send a browser to; loopback reaches the server.
    URI base =
        Set.of("0.0.0.0", "[::]", "::").contains(bound.getHost())
            ? URI.create("http://127.0.0.1:" + bound.getPort() + "/")
            : bound;
    approvals.ifPresent(queue -> queue.servedAt(base.resolve("/admin/hil")));
    if (!config.deny().isEmpty() || !config.confirm().isEmpty()) {
      log.info("Policy: deny {} confirm {}", config.deny(), config.confirm());
    }
    approvals.ifPresent(queue ->
        log.info(
            "Approvals: {} (calls wait up to {} s)",
            base.resolve("/admin/hil"),
            queue.timeout().toSeconds()));
    config.audit().ifPresent(file -> log.info("Audit log: {}", file));
    if (!plugins.isEmpty()) {
      log.info("Plugins: {}", plugins.stream().map(Plugin::name).toList());
    }
  }
}
