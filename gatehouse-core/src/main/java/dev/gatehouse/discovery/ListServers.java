package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code list_servers(include_metadata?)}: the servers the caller may use with descriptions and
 * tool counts; with metadata also their state, transport and what they reported at initialize.
 * Commands, URLs and headers are never shown: they may carry secrets.
 */
final class ListServers implements MetaTool {
  static final String NAME = "list_servers";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode definition() {
    return Definition.of(
            NAME,
            "List servers",
            "List the MCP servers (domains) you can use, with a description and tool count each."
                + " Then get_server_tools(server) gives a server's tool definitions.")
        .flag(
            "include_metadata",
            "Also show each server's connection state, transport, name and version.")
        .readOnly()
        .build();
  }

  @Override
  public ObjectNode call(MetaCall call) {
    boolean metadata = call.arguments().flag("include_metadata");
    VisibleCatalog visible = call.visible();
    List<ToolEntry> tools = visible.tools();
    ObjectNode answer = Json.object();
    ArrayNode servers = answer.putArray("servers");
    for (UpstreamConnection server : visible.domains()) {
      ObjectNode entry = servers.addObject().put("name", server.name());
      visible.description(server).ifPresent(d -> entry.put("description", d));
      entry.put("tools", tools.stream().filter(t -> t.server().equals(server.name())).count());
      if (metadata) {
        entry.put("state", server.state().name().toLowerCase(Locale.ROOT));
        entry.put("transport", server.config().transport().name().toLowerCase(Locale.ROOT));
        server.lastError().ifPresent(e -> entry.put("last_error", e));
        server.serverInfo().ifPresent(info -> describe(entry, info));
      }
    }
    return ToolResults.success(answer);
  }

  private static void describe(ObjectNode entry, ServerInfo info) {
    entry.put("protocol_version", info.protocolVersion());
    ObjectNode reported = entry.putObject("server_info");
    for (String field : List.of("name", "title", "version", "description", "websiteUrl")) {
      Json.string(info.serverInfo(), field).ifPresent(v -> reported.put(field, v));
    }
    ArrayNode capabilities = entry.putArray("capabilities");
    info.capabilities().propertyNames().forEach(capabilities::add);
  }
}
