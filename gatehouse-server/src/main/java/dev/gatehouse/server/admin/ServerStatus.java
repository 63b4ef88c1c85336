package dev.gatehouse.server.admin;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.policy.AllowDeny;
import dev.gatehouse.policy.EndpointView;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.registry.Directory.ServerEntry;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a server stands in the running gateway, next to what is written about it:
 *
 * <ul>
 *   <li>{@code state}: the connection's ({@code connecting}, {@code ready}, {@code unavailable}),
 *       or {@code disabled}, or {@code not_loaded} for an enabled server no reload has connected
 *       yet;
 *   <li>{@code reload_pending}: what is written (connection settings, allow and deny) differs from
 *       what runs, so {@code POST /admin/reload} would change it;
 *   <li>{@code tools}: how many of its tools the catalog holds, {@code exposed_tools} how many of
 *       those the main endpoint shows.
 * </ul>
 */
final class ServerStatus {
  private ServerStatus() {}

  static ObjectNode of(Directory directory, ServerEntry entry) {
    ObjectNode status = Json.object();
    Optional<UpstreamConnection> running = directory.registry().connection(entry.name());
    boolean enabled = entry.spec().enabled();
    if (running.isPresent()) {
      UpstreamConnection connection = running.get();
      status.put("state", connection.state().name().toLowerCase(Locale.ROOT));
      JsonFields.optional(status, "last_error", connection.lastError());
      status.put(
          "reload_pending",
          !enabled
              || !connection.config().equals(entry.spec().toUpstreamConfig())
              || !rulesApplied(directory, entry));
    } else {
      status.put("state", enabled ? "not_loaded" : "disabled");
      status.putNull("last_error");
      status.put("reload_pending", enabled);
    }
    Catalog catalog = directory.registry().catalog();
    View main = directory.mainView();
    long tools = 0;
    long exposed = 0;
    for (ToolEntry tool : catalog.tools()) {
      if (tool.server().equals(entry.name())) {
        tools++;
        if (main.tool(tool)) {
          exposed++;
        }
      }
    }
    status.put("tools", tools);
    status.put("exposed_tools", exposed);
    return status;
  }

  /** Whether the main endpoint filters this server by the allow and deny lists as written. */
  private static boolean rulesApplied(Directory directory, ServerEntry entry) {
    if (!(directory.mainView() instanceof EndpointView view)) {
      return true; // A view that does not say cannot be compared; the connection decides.
    }
    AllowDeny written = AllowDeny.of(entry.spec().allow(), entry.spec().deny());
    return view.serverRules().getOrDefault(entry.name(), AllowDeny.all()).equals(written);
  }

  /** The record with its live status under {@code status}. */
  static ObjectNode withStatus(Directory directory, ServerEntry entry) {
    ObjectNode json = ServerJson.toJson(entry);
    json.set("status", of(directory, entry));
    return json;
  }
}
