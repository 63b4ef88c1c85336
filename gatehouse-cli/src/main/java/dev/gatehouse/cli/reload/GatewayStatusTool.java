package dev.gatehouse.cli.reload;

import dev.gatehouse.Gateway;
import dev.gatehouse.cli.identity.AccessControl;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.plugin.MetaTool;
import dev.gatehouse.plugin.Plugin;
import dev.gatehouse.plugin.PluginContext;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get_gateway_status}, offered only with {@code "debug": true}: reload status of the config
 * and the rules, the agents in force, and the servers, as agent-mcp-gateway's tool of that name. It
 * shows the gateway's internals to any caller, so keep it out of production.
 */
public final class GatewayStatusTool implements Plugin {
  public static final String NAME = "get_gateway_status";

  private final AtomicReference<HotReload> reload;
  private final AccessControl access;
  private volatile Gateway gateway;

  /**
   * @param reload the daemon's hot reload, set once it runs
   */
  public GatewayStatusTool(AtomicReference<HotReload> reload, AccessControl access) {
    this.reload = reload;
    this.access = access;
  }

  @Override
  public String name() {
    return "gateway-status";
  }

  @Override
  public void contribute(PluginContext context) {
    ObjectNode definition = Json.object();
    definition.put("name", NAME);
    definition.put(
        "description",
        "Gateway diagnostics (debug mode): hot reload status of the config and rules files, the"
            + " agents in force, and the upstream servers with their state.");
    ObjectNode schema = definition.putObject("inputSchema");
    schema.put("type", "object");
    schema.putObject("properties");
    context.metaTool(MetaTool.of(definition, call -> new ToolResult(result(status()))));
  }

  @Override
  public void start(Gateway started) {
    this.gateway = started;
  }

  private ObjectNode status() {
    ObjectNode json = Json.object();
    HotReload current = reload.get();
    json.set("reload_status", current == null ? Json.object() : current.status());
    json.set("policy_state", access.status());
    ObjectNode servers = json.putObject("servers");
    if (gateway != null) {
      for (UpstreamConnection upstream : gateway.registry().connections()) {
        servers.put(upstream.name(), upstream.state().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    boolean healthy =
        current == null
            || (current.configStatus().lastError().isEmpty()
                && current.rulesStatus().lastError().isEmpty());
    json.put(
        "message",
        healthy
            ? "Gateway is operational."
            : "Gateway is operational; the last reload failed, see reload_status.");
    return json;
  }

  private static ObjectNode result(ObjectNode status) {
    ObjectNode result = Json.object();
    result.putArray("content").addObject().put("type", "text").put("text", Json.text(status));
    result.set("structuredContent", status);
    result.put("isError", false);
    return result;
  }
}
