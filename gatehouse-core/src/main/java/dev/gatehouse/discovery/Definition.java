package dev.gatehouse.discovery;

import dev.gatehouse.protocol.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a meta-tool's definition: its description and a JSON Schema for its arguments. */
final class Definition {
  private final ObjectNode tool = Json.object();
  private final ObjectNode properties;
  private final ArrayNode required = Json.array();

  private Definition(String name, String title, String description) {
    tool.put("name", name);
    tool.put("title", title);
    tool.put("description", description);
    ObjectNode schema = tool.putObject("inputSchema");
    schema.put("type", "object");
    properties = schema.putObject("properties");
  }

  static Definition of(String name, String title, String description) {
    return new Definition(name, title, description);
  }

  Definition string(String name, String description) {
    properties.putObject(name).put("type", "string").put("description", description);
    return this;
  }

  Definition requiredString(String name, String description) {
    required.add(name);
    return string(name, description);
  }

  Definition choice(String name, String description, String... values) {
    ObjectNode property = properties.putObject(name);
    property.put("type", "string").put("description", description);
    ArrayNode options = property.putArray("enum");
    for (String value : values) {
      options.add(value);
    }
    return this;
  }

  Definition integer(String name, String description) {
    properties
        .putObject(name)
        .put("type", "integer")
        .put("minimum", 1)
        .put("description", description);
    return this;
  }

  Definition flag(String name, String description) {
    properties.putObject(name).put("type", "boolean").put("description", description);
    return this;
  }

  Definition object(String name, String description) {
    properties.putObject(name).put("type", "object").put("description", description);
    return this;
  }

  /** Marks the tool as one that only reads (every meta-tool but execute_tool). */
  Definition readOnly() {
    tool.putObject("annotations")
        .put("readOnlyHint", true)
        .put("destructiveHint", false)
        .put("openWorldHint", false);
    return this;
  }

  ObjectNode build() {
    if (!required.isEmpty()) {
      ((ObjectNode) tool.get("inputSchema")).set("required", required);
    }
    return tool;
  }
}
