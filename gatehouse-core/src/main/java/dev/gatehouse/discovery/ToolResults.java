package dev.gatehouse.discovery;

import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code tools/call} results of meta-tools. A success carries its answer as {@code
 * structuredContent} and the same JSON as text; a failure is a result with {@code isError: true}
 * whose {@code structuredContent} is {@code {code, message, suggestions}}, so the model sees it and
 * can correct itself (a JSON-RPC error would be hidden from it by most clients).
 */
final class ToolResults {
  private ToolResults() {}

  static ObjectNode success(ObjectNode structured) {
    return success(Json.text(structured), structured);
  }

  /** A success whose text is written for the model rather than the JSON itself. */
  static ObjectNode success(String text, ObjectNode structured) {
    ObjectNode result = Json.object();
    result.withArray("content").addObject().put("type", "text").put("text", text);
    result.set("structuredContent", structured);
    return result;
  }

  static ObjectNode error(GatewayException e) {
    ObjectNode structured = Json.object();
    structured.put("code", e.code().id());
    structured.put("message", e.getMessage());
    ArrayNode suggestions = structured.putArray("suggestions");
    e.data()
        .ifPresent(data -> {
          for (Map.Entry<String, JsonNode> field : data.properties()) {
            if (field.getKey().equals("suggestions") && field.getValue().isArray()) {
              suggestions.addAll((ArrayNode) field.getValue());
            } else if (!field.getKey().equals("code") && !field.getKey().equals("message")) {
              structured.set(field.getKey(), field.getValue());
            }
          }
        });
    ObjectNode result = success(structured);
    result.put("isError", true);
    return result;
  }
}
