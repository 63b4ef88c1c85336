package dev.gatehouse.discovery;

import dev.gatehouse.protocol.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code search_tools(query, limit?)}: tools ranked by how well they match a query. */
final class SearchTools implements MetaTool {
  static final String NAME = "search_tools";
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
            "Search tools",
            "Search every tool you can use by what it does. Ranked by relevance over tool names,"
                + " descriptions and parameters; tolerates typos. Answers tool names with one-line"
                + " descriptions, best first; then use get_tool_schema(name) and"
                + " execute_tool(name, arguments).")
        .requiredString("query", "What you want to do, e.g. \"add two numbers\", or a tool name.")
        .integer("limit", "How many tools to return (default 10, at most 50).")
        .readOnly()
        .build();
  }

  @Override
  public ObjectNode call(MetaCall call) {
    String query = call.arguments().requireString("query");
    int limit = Math.min(call.arguments().positiveInt("limit").orElse(DEFAULT_LIMIT), MAX_LIMIT);
    ObjectNode answer = Json.object().put("query", query);
    ArrayNode results = answer.putArray("results");
    for (SearchIndex.Hit hit : call.visible().search(query, limit)) {
      results
          .addObject()
          .put("name", hit.tool().name())
          .put("domain", hit.tool().server())
          .put("description", VisibleCatalog.oneLine(hit.tool().description()));
    }
    return ToolResults.success(answer);
  }
}
