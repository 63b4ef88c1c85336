package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Compact function signatures of tools, one line each, for models that read or write code: {@code
 * evh_get-sum(a: number, b: number) -> any # Returns the sum of two numbers}. Optional parameters
 * end in {@code ?}, defaults follow {@code =}, enums are unions of literals.
 */
final class Signatures {
  private static final int MAX_ENUM_VALUES = 6;
  private static final int MAX_RESULT_FIELDS = 8;

  private Signatures() {}

  static String of(ToolEntry tool) {
    JsonNode definition = tool.definition();
    JsonNode input = definition.path("inputSchema");
    Set<String> required = new HashSet<>();
    input.path("required").valueStream().map(JsonNode::asString).forEach(required::add);
    List<String> parameters = new ArrayList<>();
    for (Map.Entry<String, JsonNode> property : input.path("properties").properties()) {
      StringBuilder parameter = new StringBuilder(property.getKey());
      if (!required.contains(property.getKey())) {
        parameter.append('?');
      }
      parameter.append(": ").append(type(property.getValue()));
      JsonNode fallback = property.getValue().get("default");
      if (fallback != null) {
        parameter.append(" = ").append(Json.text(fallback));
      }
      parameters.add(parameter.toString());
    }
    StringBuilder line = new StringBuilder(tool.name());
    line.append('(').append(String.join(", ", parameters)).append(") -> ");
    line.append(result(definition.get("outputSchema")));
    String description = tool.description();
    if (!description.isBlank()) {
      line.append("  # ").append(VisibleCatalog.oneLine(description));
    }
    return line.toString();
  }

  private static String result(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return "any";
    }
    List<String> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      if (fields.size() == MAX_RESULT_FIELDS) {
        fields.add("...");
        break;
      }
      fields.add(property.getKey() + ": " + type(property.getValue()));
    }
    return fields.isEmpty() ? type(schema) : "{" + String.join(", ", fields) + "}";
  }

  static String type(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return "any";
    }
    if (schema.has("const")) {
      return Json.text(schema.get("const"));
    }
    if (schema.path("enum").isArray()) {
      List<String> values = new ArrayList<>();
      for (JsonNode value : schema.get("enum")) {
        if (values.size() == MAX_ENUM_VALUES) {
          values.add("...");
          break;
        }
        values.add(Json.text(value));
      }
      return String.join(" | ", values);
    }
    for (String union : List.of("anyOf", "oneOf")) {
      if (schema.path(union).isArray()) {
        List<String> options = new ArrayList<>();
        schema.get(union).forEach(option -> options.add(type(option)));
        return String.join(" | ", options);
      }
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asString("");
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      List<String> options = new ArrayList<>();
      type.forEach(t -> options.add(single(t.asString(""), schema)));
      return String.join(" | ", options);
    }
    return type == null ? "any" : single(type.asString(""), schema);
  }

  private static String single(String type, JsonNode schema) {
    return switch (type) {
      case "array" -> {
        String items = type(schema.get("items"));
        yield items.contains(" ") ? "(" + items + ")[]" : items + "[]";
      }
      case "" -> "any";
      default -> type;
    };
  }
}
