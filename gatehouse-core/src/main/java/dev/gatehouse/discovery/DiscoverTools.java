package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code discover_tools(domain?, query?, format?, limit?)}: the domains with tool counts, one
 * domain's tools, or the tools matching a query; as JSON or as compact signatures.
 */
final class DiscoverTools implements MetaTool {
  static final String NAME = "discover_tools";
  private static final int DEFAULT_LIMIT = 10;
  private static final int MAX_LIMIT = 50;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode definition() {
    return Definition.of(
            NAME,
            "Discover tools",
            "Browse the tools behind this gateway. With no arguments: the domains (one per MCP"
                + " server) with their tool counts. With domain: that domain's tools, one line"
                + " each. With query: the tools that best match what you want to do."
                + " format=\"signatures\" answers compact function signatures instead of JSON."
                + " Next, call get_tool_schema(name) for a tool's parameters and"
                + " execute_tool(name, arguments) to run it.")
        .string("domain", "A domain (server) name from discover_tools() to list its tools.")
        .string("query", "Words describing what you want to do, e.g. \"create a github issue\".")
        .choice("format", "\"json\" (default) or \"signatures\".", "json", "signatures")
        .integer("limit", "With query: how many tools to return (default 10, at most 50).")
        .readOnly()
        .build();
  }

  @Override
  public ObjectNode call(MetaCall call) {
    Arguments arguments = call.arguments();
    VisibleCatalog visible = call.visible();
    Optional<String> domain = arguments.string("domain");
    Optional<String> query = arguments.string("query");
    boolean signatures = format(arguments);
    int limit = Math.min(arguments.positiveInt("limit").orElse(DEFAULT_LIMIT), MAX_LIMIT);
    domain.ifPresent(visible::requireDomain);
    if (query.isPresent()) {
      List<SearchIndex.Hit> hits =
          domain.isPresent()
              ? visible.search(query.get(), domain.get(), limit)
              : visible.search(query.get(), limit);
      List<ToolEntry> found = hits.stream().map(SearchIndex.Hit::tool).toList();
      ObjectNode answer = Json.object().put("query", query.get());
      domain.ifPresent(d -> answer.put("domain", d));
      return tools(answer, found, signatures, true);
    }
    if (domain.isPresent()) {
      ObjectNode answer = Json.object().put("domain", domain.get());
      return tools(answer, visible.tools(domain.get()), signatures, false);
    }
    if (signatures) {
      return tools(Json.object(), visible.tools(), true, true);
    }
    return ToolResults.success(domains(visible));
  }

  private static boolean format(Arguments arguments) {
    String format = arguments.string("format").orElse("json");
    return switch (format) {
      case "json" -> false;
      case "signatures" -> true;
      default -> throw Arguments.invalid("\"format\" must be \"json\" or \"signatures\"");
    };
  }

  private static ObjectNode domains(VisibleCatalog visible) {
    ObjectNode answer = Json.object();
    ArrayNode domains = answer.putArray("domains");
    List<ToolEntry> tools = visible.tools();
    for (UpstreamConnection domain : visible.domains()) {
      ObjectNode entry = domains.addObject().put("name", domain.name());
      entry.put("tools", tools.stream().filter(t -> t.server().equals(domain.name())).count());
      visible.description(domain).ifPresent(d -> entry.put("description", d));
    }
    answer.put(
        "next",
        "discover_tools(domain=...) lists a domain's tools; search_tools(query=...) finds tools"
            + " by purpose.");
    return answer;
  }

  private static ObjectNode tools(
      ObjectNode answer, List<ToolEntry> tools, boolean signatures, boolean withDomain) {
    if (signatures) {
      ArrayNode lines = answer.putArray("signatures");
      tools.forEach(t -> lines.add(Signatures.of(t)));
      String text = String.join("\n", tools.stream().map(Signatures::of).toList());
      return ToolResults.success(text.isEmpty() ? "(no tools)" : text, answer);
    }
    ArrayNode list = answer.putArray("tools");
    for (ToolEntry tool : tools) {
      ObjectNode entry = list.addObject().put("name", tool.name());
      if (withDomain) {
        entry.put("domain", tool.server());
      }
      entry.put("description", VisibleCatalog.oneLine(tool.description()));
    }
    return ToolResults.success(answer);
  }
}
