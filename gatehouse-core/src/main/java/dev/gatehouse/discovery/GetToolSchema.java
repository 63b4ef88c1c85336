package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get_tool_schema(name)}: a tool's input and output schema. A near-miss name that clearly
 * means one tool answers that tool (saying so); otherwise {@code tool_not_found} with suggestions.
 */
final class GetToolSchema implements MetaTool {
  static final String NAME = "get_tool_schema";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode definition() {
    return Definition.of(
            NAME,
            "Get tool schema",
            "Get the full parameter schema (and output schema, if any) of one tool, by the name"
                + " discover_tools or search_tools gave you. Small typos are tolerated: the"
                + " closest tool is answered, or suggestions when the name is ambiguous.")
        .requiredString("name", "The tool's full name, e.g. \"github_create_issue\".")
        .readOnly()
        .build();
  }

  @Override
  public ObjectNode call(MetaCall call) {
    String name = call.arguments().requireString("name");
    VisibleCatalog visible = call.visible();
    ToolEntry tool =
        visible.closest(name).orElseThrow(() -> visible.toolNotFound(name, visible.tools()));
    JsonNode definition = tool.definition();
    ObjectNode answer = Json.object();
    answer.put("name", tool.name());
    answer.put("domain", tool.server());
    if (!tool.name().equals(name)) {
      answer.put("requested", name);
      answer.put("note", "No tool is named \"" + name + "\"; this is the closest: " + tool.name());
    }
    answer.put("description", tool.description());
    answer.set(
        "inputSchema",
        definition.has("inputSchema") ? definition.get("inputSchema") : Json.object());
    if (definition.has("outputSchema")) {
      answer.set("outputSchema", definition.get("outputSchema"));
    }
    return ToolResults.success(answer);
  }
}
