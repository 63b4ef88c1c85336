package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds MCP content blocks and tool results as plain trees, so a test can add any field to them
 * afterwards.
 */
public final class Content {

  private Content() {}

  public static ObjectNode text(String text) {
    ObjectNode block = Json.object();
    block.put("type", "text");
    block.put("text", text);
    return block;
  }

  public static ObjectNode image(String base64, String mimeType) {
    return media("image", base64, mimeType);
  }

  public static ObjectNode audio(String base64, String mimeType) {
    return media("audio", base64, mimeType);
  }

  /** An embedded text resource: {@code {type: resource, resource: {uri, mimeType, text}}}. */
  public static ObjectNode embeddedText(String uri, String mimeType, String text) {
    ObjectNode block = Json.object();
    block.put("type", "resource");
    block.set("resource", textContents(uri, mimeType, text));
    return block;
  }

  /** One entry of a {@code ReadResourceResult}'s {@code contents}, as text. */
  public static ObjectNode textContents(String uri, String mimeType, String text) {
    ObjectNode contents = Json.object();
    contents.put("uri", uri);
    contents.put("mimeType", mimeType);
    contents.put("text", text);
    return contents;
  }

  /** One entry of a {@code ReadResourceResult}'s {@code contents}, as base64 bytes. */
  public static ObjectNode blobContents(String uri, String mimeType, String base64) {
    ObjectNode contents = Json.object();
    contents.put("uri", uri);
    contents.put("mimeType", mimeType);
    contents.put("blob", base64);
    return contents;
  }

  /** A {@code CallToolResult} with these content blocks. */
  public static ObjectNode toolResult(ObjectNode... blocks) {
    ObjectNode result = Json.object();
    ArrayNode content = result.putArray("content");
    for (ObjectNode block : blocks) {
      content.add(block);
    }
    return result;
  }

  /** A {@code CallToolResult} with one text block. */
  public static ObjectNode textResult(String text) {
    return toolResult(text(text));
  }

  /** A tool execution error: one text block and {@code isError: true}. */
  public static ObjectNode errorResult(String text) {
    ObjectNode result = textResult(text);
    result.put("isError", true);
    return result;
  }

  /** A {@code ReadResourceResult} with these contents. */
  public static ObjectNode readResult(ObjectNode... contents) {
    ObjectNode result = Json.object();
    ArrayNode list = result.putArray("contents");
    for (ObjectNode entry : contents) {
      list.add(entry);
    }
    return result;
  }

  /** A prompt message: {@code {role, content}}. */
  public static ObjectNode message(String role, ObjectNode content) {
    ObjectNode message = Json.object();
    message.put("role", role);
    message.set("content", content);
    return message;
  }

  /** A {@code GetPromptResult} with a description and these messages. */
  public static ObjectNode promptResult(String description, ObjectNode... messages) {
    ObjectNode result = promptResult(messages);
    result.put("description", description);
    return result;
  }

  /** A {@code GetPromptResult} with these messages. */
  public static ObjectNode promptResult(ObjectNode... messages) {
    ObjectNode result = Json.object();
    ArrayNode list = result.putArray("messages");
    for (ObjectNode message : messages) {
      list.add(message);
    }
    return result;
  }

  private static ObjectNode media(String type, String base64, String mimeType) {
    ObjectNode block = Json.object();
    block.put("type", type);
    block.put("data", base64);
    block.put("mimeType", mimeType);
    return block;
  }
}
