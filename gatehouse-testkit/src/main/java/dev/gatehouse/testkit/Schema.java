package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Small JSON Schema trees for test tools' {@code inputSchema}. For anything richer, write the tree
 * with {@link Json#object()}.
 */
public final class Schema {

  private Schema() {}

  /** {@code {"type": "object", "properties": {}}}: a tool without arguments. */
  public static ObjectNode empty() {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    schema.putObject("properties");
    return schema;
  }

  /** An object whose properties are all required strings. */
  public static ObjectNode requiredStrings(String... names) {
    ObjectNode schema = empty();
    ArrayNode required = schema.putArray("required");
    for (String name : names) {
      property(schema, name, "string");
      required.add(name);
    }
    return schema;
  }

  /** Adds {@code properties.<name> = {type}} to an object schema and returns the property. */
  public static ObjectNode property(ObjectNode schema, String name, String type) {
    ObjectNode properties =
        schema.get("properties") instanceof ObjectNode existing
            ? existing
            : schema.putObject("properties");
    ObjectNode property = properties.putObject(name);
    property.put("type", type);
    return property;
  }

  /** Adds {@code name} to the schema's {@code required} list. */
  public static ObjectNode require(ObjectNode schema, String name) {
    ArrayNode required =
        schema.get("required") instanceof ArrayNode existing
            ? existing
            : schema.putArray("required");
    required.add(name);
    return schema;
  }
}
