package dev.gatehouse.cli.identity;

import dev.gatehouse.Gateway;
import dev.gatehouse.agent.AgentLayer;
import dev.gatehouse.agent.AgentRules;
import dev.gatehouse.agent.Agents;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.credential.Credentials;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.auth.CredentialFilter;
import dev.gatehouse.server.auth.ProtectedResourceServlet;
import dev.gatehouse.server.auth.ResourceMetadata;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.server.http.RequestGuard;
import dev.gatehouse.store.Store;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The daemon's agents and credentials, built from its config: the rules in force (swapped on
 * reload), API keys from the store, JWT when configured, the layer every endpoint runs behind, and
 * the HTTP side (the 401 answer, the protected resource metadata).
 */
public final class AccessControl {
  private final Agents agents;
  private final Credentials credentials;
  private volatile IdentityConfig config;
  private volatile RulesSource rules;

  private AccessControl(IdentityConfig config, Agents agents, Credentials credentials) {
    this.config = config;
    this.rules = RulesSource.of(config);
    this.agents = agents;
    this.credentials = credentials;
  }

  /**
   * Reads the config's identity settings and its rules.
   *
   * @throws ConfigException for a mistake in the config or the rules
   */
  public static AccessControl from(
      GatehouseConfig gatehouse, Store store, Map<String, String> env) {
    IdentityConfig config = IdentityConfigParser.parse(gatehouse, env);
    AgentRules rules = RulesSource.of(config).load();
    Credentials credentials;
    try {
      credentials = Credentials.of(store, config.jwt());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("jwt: " + e.getMessage());
    }
    return new AccessControl(config, Agents.of(rules, config.settings()), credentials);
  }

  public Agents agents() {
    return agents;
  }

  public Credentials credentials() {
    return credentials;
  }

  public IdentityConfig config() {
    return config;
  }

  /** Where the rules in force came from. */
  public RulesSource rules() {
    return rules;
  }

  /** Puts the layer in front of every endpoint of the gateway being built. */
  public Gateway.Builder applyTo(Gateway.Builder builder) {
    return builder.agents(AgentLayer.of(agents, credentials.hooks()));
  }

  /** The 401 answer in front of {@code /mcp} and the group endpoints, and the metadata document. */
  public void mount(GatehouseHttpServer.Builder http, HttpTransportOptions options) {
    ResourceMetadata metadata =
        new ResourceMetadata(config.publicUrl(), config.authorizationServers(), "Gatehouse");
    CredentialFilter filter =
        new CredentialFilter(credentials.inbound(agents), new RequestGuard(options), metadata);
    http.filter("/mcp", filter);
    http.filter("/mcp/g/*", filter);
    ProtectedResourceServlet document =
        new ProtectedResourceServlet(metadata, ProtectedResourceServlet.gatewayEndpoints());
    // "/x/*" also matches "/x" itself: the gateway's document and each endpoint's.
    http.servlet(ResourceMetadata.WELL_KNOWN + "/*", document);
  }

  /**
   * Puts new settings and the rules they point to in force.
   *
   * @return warnings about the new rules
   * @throws ConfigException when the rules cannot be read; the old ones stay in force
   */
  public List<String> apply(IdentityConfig newConfig, Collection<String> servers) {
    RulesSource source = RulesSource.of(newConfig);
    AgentRules loaded = source.load();
    agents.update(loaded, newConfig.settings());
    this.config = newConfig;
    this.rules = source;
    return warnings(servers);
  }

  /** Reads the rules again from where they come from, keeping the settings. */
  public List<String> reloadRules(Collection<String> servers) {
    return apply(config, servers);
  }

  public List<String> warnings(Collection<String> servers) {
    return agents.rules().warnings(servers, agents.settings().defaultAgent());
  }

  /** What status shows about agents and credentials. */
  public ObjectNode status() {
    ObjectNode json = Json.object();
    AgentRules current = agents.rules();
    json.put("rules", rules.describe());
    json.put("rules_in_force", current.configured());
    current.agentNames().forEach(json.putArray("agent_ids")::add);
    json.put("deny_on_missing_agent", current.denyOnMissingAgent());
    json.put("default_agent", agents.settings().defaultAgent().orElse(null));
    json.put("fallback_agent", agents.fallbackAgent().orElse(null));
    json.put("trust_agent_id_argument", agents.settings().trustAgentIdArgument());
    json.put("require_auth", agents.settings().requireAuth());
    json.put("jwt", credentials.jwt().isPresent());
    json.put("credentials_required", credentials.required(agents));
    return json;
  }
}
