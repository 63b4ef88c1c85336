package dev.gatehouse.cli.reload;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.cli.identity.AccessControl;
import dev.gatehouse.cli.identity.IdentityConfig;
import dev.gatehouse.cli.identity.IdentityConfigParser;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the running gateway in step with its files: the config file's {@code mcpServers} (and its
 * agent settings), and the agent rules, whether in a rules file or inline. Both files are polled; a
 * valid change applies at once without dropping sessions, an invalid one is refused and logged, and
 * the last good configuration stays. {@link #reload()} (SIGHUP, {@code gatehouse reload}) forces a
 * reading of both. Each source keeps a {@link ReloadStatus}.
 */
public final class HotReload implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HotReload.class);
  static final Duration POLL = Duration.ofMillis(250);

  private final Optional<Path> configFile;
  private final AccessControl access;
  private final Directory directory;
  private final Map<String, String> env;
  private final ReloadStatus configStatus;
  private final ReloadStatus rulesStatus;
  private final Object lock = new Object();
  private volatile List<ServerSpec> servers;
  private Optional<FileWatch> configWatch;
  private Optional<FileWatch> rulesWatch;
  private Thread poller;

  /**
   * @param config the config the daemon started with
   * @param env where {@code GATEHOUSE_DEFAULT_AGENT} is read
   */
  public HotReload(
      GatehouseConfig config, AccessControl access, Directory directory, Map<String, String> env) {
    this.configFile = config.source();
    this.access = access;
    this.directory = directory;
    this.env = env;
    this.servers = config.servers();
    Clock clock = Clock.systemUTC();
    this.configStatus = new ReloadStatus(clock);
    this.rulesStatus = new ReloadStatus(clock);
    configStatus.watching(configFile);
    configStatus.succeeded(List.of());
    rulesStatus.watching(access.rules().file());
    rulesStatus.succeeded(access.warnings(serverNames()));
    rulesStatus.warnings().forEach(w -> log.warn("Rules: {}", w));
    this.configWatch = configFile.map(FileWatch::new);
    this.rulesWatch = access.rules().file().map(FileWatch::new);
  }

  /** Starts polling the files. */
  public HotReload start() {
    poller = Thread.ofVirtual().name("gatehouse-hot-reload").start(this::poll);
    return this;
  }

  private void poll() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        return;
      }
      try {
        synchronized (lock) {
          if (configWatch.isPresent() && configWatch.get().changed()) {
            log.info("Config file {} changed; reloading", configWatch.get().file());
            reloadConfig();
          } else if (rulesWatch.isPresent() && rulesWatch.get().changed()) {
            log.info("Rules file {} changed; reloading", rulesWatch.get().file());
            reloadRules();
          }
        }
      } catch (RuntimeException e) {
        log.error("Hot reload failed", e);
      }
    }
  }

  /**
   * Reads the config file and the rules again and applies what changed, then makes the running
   * gateway match the directory (servers added through the API included).
   *
   * @return what the directory's reload did
   */
  public Directory.ReloadReport reload() {
    synchronized (lock) {
      reloadConfig();
      reloadRules();
      configWatch.ifPresent(FileWatch::seen);
      rulesWatch.ifPresent(FileWatch::seen);
    }
    return directory.reload();
  }

  /** The config file again: servers, agent settings, and the rules they point to. */
  private void reloadConfig() {
    if (configFile.isEmpty()) {
      return;
    }
    GatehouseConfig config;
    IdentityConfig identity;
    try {
      config =
          new ConfigLocator(env, Path.of("").toAbsolutePath()).load(Optional.of(configFile.get()));
      identity = IdentityConfigParser.parse(config, env);
    } catch (ConfigException e) {
      refused(configStatus, e.getMessage());
      return;
    }
    List<String> warnings = new ArrayList<>();
    if (!identity.jwt().equals(access.config().jwt())
        || !identity.publicUrl().equals(access.config().publicUrl())) {
      warnings.add("changes to \"jwt\" and \"public_url\" take effect when the gateway restarts");
    }
    if (!config.servers().equals(servers)) {
      List<ServerSpec> previous = servers;
      directory.setConfigServers(config.servers());
      try {
        Directory.ReloadReport report = directory.reload();
        servers = config.servers();
        log.info(
            "Servers reloaded: {} enabled, (re)connecting {}",
            report.servers().size(),
            report.reconnected());
      } catch (StoreException e) {
        directory.setConfigServers(previous);
        refused(configStatus, e.getMessage());
        return;
      }
    }
    configStatus.succeeded(warnings);
    // The rules may live in the config, or the config may point at another rules file.
    boolean rulesMoved = !identity.rulesFile().equals(access.rules().file());
    if (rulesMoved || identity.inlineRules().isPresent() || !identity.equals(access.config())) {
      applyRules(identity);
      if (rulesMoved) {
        rulesWatch = identity.rulesFile().map(FileWatch::new);
        rulesStatus.watching(identity.rulesFile());
      }
    }
  }

  private void reloadRules() {
    applyRules(access.config());
  }

  private void applyRules(IdentityConfig identity) {
    try {
      List<String> warnings = access.apply(identity, serverNames());
      rulesStatus.succeeded(warnings);
      log.info("Agent rules reloaded from {}", access.rules().describe());
      warnings.forEach(w -> log.warn("Rules: {}", w));
    } catch (ConfigException e) {
      refused(rulesStatus, e.getMessage());
    }
  }

  private static void refused(ReloadStatus status, String error) {
    status.failed(error);
    log.error("Reload refused, the last good configuration stays: {}", error);
  }

  private List<String> serverNames() {
    return directory.servers().stream().map(Directory.ServerEntry::name).toList();
  }

  public ReloadStatus configStatus() {
    return configStatus;
  }

  public ReloadStatus rulesStatus() {
    return rulesStatus;
  }

  /** {@code {"mcp_config": {...}, "gateway_rules": {...}}}, as agent-mcp-gateway names them. */
  public ObjectNode status() {
    ObjectNode json = Json.object();
    json.set("mcp_config", configStatus.toJson());
    json.set("gateway_rules", rulesStatus.toJson());
    return json;
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.interrupt();
    }
  }
}
