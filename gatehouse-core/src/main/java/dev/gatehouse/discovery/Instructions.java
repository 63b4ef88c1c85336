package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The initialize result's instructions, written from what the caller may see: the domains with
 * their tool counts and descriptions and, where meta-tools are listed, the workflow that uses them.
 * Written at each initialize from the current catalog, so they follow catalog changes.
 */
final class Instructions {
  /** Past this many domains the rest are only counted; discover_tools lists them all. */
  private static final int MAX_DOMAINS = 40;

  private Instructions() {}

  static String of(EndpointMode mode, VisibleCatalog visible) {
    List<UpstreamConnection> domains = visible.domains();
    Map<String, Integer> counts = new LinkedHashMap<>();
    domains.forEach(d -> counts.put(d.name(), 0));
    for (ToolEntry tool : visible.tools()) {
      counts.computeIfPresent(tool.server(), (k, n) -> n + 1);
    }
    StringBuilder text = new StringBuilder();
    if (mode == EndpointMode.FLAT) {
      text.append("Gatehouse fronts ")
          .append(domains.size())
          .append(domains.size() == 1 ? " MCP server" : " MCP servers")
          .append(domains.isEmpty() ? "." : ":\n");
    } else {
      text.append("Gatehouse is a tool discovery gateway. Its tools come from ")
          .append(domains.size())
          .append(domains.size() == 1 ? " domain" : " domains")
          .append(" (one per MCP server)")
          .append(domains.isEmpty() ? "." : ":\n");
    }
    int shown = 0;
    for (UpstreamConnection domain : domains) {
      if (shown++ == MAX_DOMAINS) {
        text.append("- ... and ").append(domains.size() - MAX_DOMAINS).append(" more\n");
        break;
      }
      int count = counts.get(domain.name());
      text.append("- ")
          .append(domain.name())
          .append(" (")
          .append(count)
          .append(count == 1 ? " tool)" : " tools)");
      visible.description(domain).ifPresent(d -> text.append(" — ").append(d));
      text.append('\n');
    }
    if (mode.hasMetaTools()) {
      text.append(
          "Workflow: discover_tools() → discover_tools(domain) or search_tools(query) →"
              + " get_tool_schema(name) → execute_tool(name, arguments).\n");
    }
    text.append("Tool and prompt names are {server}_{name}.");
    return text.toString();
  }
}
