package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code describe_tool(name)}: everything about one tool: its definition exactly as listed (title,
 * annotations, schemas, {@code _meta}) and its signature. The name must be exact; a miss answers
 * suggestions.
 */
final class DescribeTool implements MetaTool {
  static final String NAME = "describe_tool";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode definition() {
    return Definition.of(
            NAME,
            "Describe tool",
            "Show everything known about one tool: its full definition as its server lists it"
                + " (title, description, input and output schema, annotations) and a compact"
                + " signature.")
        .requiredString("name", "The tool's full name.")
        .readOnly()
        .build();
  }

  @Override
  public ObjectNode call(MetaCall call) {
    ToolEntry tool = call.visible().requireTool(call.arguments().requireString("name"));
    ObjectNode answer = Json.object();
    answer.put("name", tool.name());
    answer.put("domain", tool.server());
    answer.put("signature", Signatures.of(tool));
    answer.set("tool", tool.definition());
    return ToolResults.success(answer);
  }
}
