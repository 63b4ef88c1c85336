package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.policy.Glob;
import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get_server_tools(server, names?, pattern?, max_schema_tokens?)}: one server's tool
 * definitions, optionally narrowed by names or a glob and capped by an estimated token budget.
 */
final class GetServerTools implements MetaTool {
  static final String NAME = "get_server_tools";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode definition() {
    return Definition.of(
            NAME,
            "Get server tools",
            "Get the tool definitions (name, description, input schema) of one server from"
                + " list_servers. Narrow them with names or pattern, and cap the answer's size with"
                + " max_schema_tokens: tools that do not fit are named in \"omitted\". Run a tool"
                + " with execute_tool(name, arguments).")
        .requiredString("server", "The server's name from list_servers.")
        .string("names", "Comma-separated tool names to return, e.g. \"echo,get-sum\".")
        .string("pattern", "A glob on tool names, e.g. \"get_*\" (* any text, ? one character).")
        .integer(
            "max_schema_tokens", "A budget for the definitions, in tokens (estimated as 4 chars).")
        .readOnly()
        .build();
  }

  @Override
  public ObjectNode call(MetaCall call) {
    Arguments arguments = call.arguments();
    String server = call.visible().requireDomain(arguments.requireString("server")).name();
    List<String> names = arguments.names("names");
    Optional<Glob> pattern = arguments.string("pattern").map(Glob::of);
    Optional<Integer> budget = arguments.positiveInt("max_schema_tokens");
    List<ToolEntry> all = call.visible().tools(server);
    List<ToolEntry> matched =
        all.stream()
            .filter(t ->
                names.isEmpty() || names.contains(t.name()) || names.contains(t.originalName()))
            .filter(t ->
                pattern.isEmpty()
                    || pattern.get().matches(t.name())
                    || pattern.get().matches(t.originalName()))
            .toList();
    ObjectNode answer = Json.object().put("server", server);
    ArrayNode tools = answer.putArray("tools");
    ArrayNode omitted = Json.array();
    int used = 0;
    for (ToolEntry tool : matched) {
      ObjectNode entry = Json.object();
      entry.put("name", tool.name());
      entry.put("description", tool.description());
      entry.set(
          "inputSchema",
          tool.definition().has("inputSchema")
              ? tool.definition().get("inputSchema")
              : Json.object());
      int cost = estimateTokens(entry);
      if (budget.isPresent() && used + cost > budget.get()) {
        omitted.add(tool.name());
        continue;
      }
      used += cost;
      tools.add(entry);
    }
    answer.put("total_available", all.size());
    answer.put("matched", matched.size());
    answer.put("returned", tools.size());
    answer.put("tokens_used", used);
    if (!omitted.isEmpty()) {
      answer.set("omitted", omitted);
    }
    return ToolResults.success(answer);
  }

  /** About four characters of JSON per token: close enough for a budget the model chooses. */
  static int estimateTokens(ObjectNode node) {
    return (Json.text(node).length() + 3) / 4;
  }
}
