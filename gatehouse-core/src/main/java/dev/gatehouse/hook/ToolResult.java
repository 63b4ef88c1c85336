package dev.gatehouse.hook;

import dev.gatehouse.protocol.Json;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of a {@code tools/call}: the MCP {@code CallToolResult} object as the upstream sent it
 * ({@code content}, {@code structuredContent}, {@code isError}, {@code _meta}, and anything newer).
 * A tool that reports its own failure ({@code isError: true}) still produces a result; failures of
 * the call itself are {@link dev.gatehouse.protocol.GatewayException}s.
 *
 * @param json the result object; post-call hooks that change it return a new one
 */
public record ToolResult(ObjectNode json) {

  public ToolResult {
    Objects.requireNonNull(json, "json");
  }

  /** A result with one text content item. */
  public static ToolResult text(String text) {
    ObjectNode json = Json.object();
    json.putArray("content").addObject().put("type", "text").put("text", text);
    return new ToolResult(json);
  }

  /** A result with one text item that reports a tool-level failure ({@code isError: true}). */
  public static ToolResult error(String text) {
    ToolResult result = text(text);
    result.json().put("isError", true);
    return result;
  }

  /** A result carrying structured content plus its JSON text, as the spec recommends. */
  public static ToolResult structured(ObjectNode structured) {
    ToolResult result = text(Json.text(structured));
    result.json().set("structuredContent", structured);
    return result;
  }

  public boolean isError() {
    return json.path("isError").asBoolean(false);
  }

  /** The content items; empty when the result has none. */
  public ArrayNode content() {
    return json.get("content") instanceof ArrayNode array ? array : Json.array();
  }

  public Optional<JsonNode> structuredContent() {
    return Optional.ofNullable(json.get("structuredContent"));
  }

  /** The text of every text item, one per line. */
  public String text() {
    return content()
        .valueStream()
        .filter(c -> "text".equals(c.path("type").asString("")))
        .map(c -> c.path("text").asString(""))
        .collect(Collectors.joining("\n"));
  }
}
