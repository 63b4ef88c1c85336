package dev.gatehouse.cli;

import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/** Prints a tool result for people: text as it is, other content as one line saying what it is. */
final class ToolOutput {
  private ToolOutput() {}

  static void print(JsonNode result, PrintWriter out) {
    JsonNode content = result.path("content");
    boolean printed = false;
    for (JsonNode item : content) {
      printed = true;
      switch (item.path("type").asString("")) {
        case "text" -> out.println(item.path("text").asString(""));
        case "image", "audio" ->
            out.println(
                "["
                    + item.path("type").asString()
                    + " "
                    + item.path("mimeType").asString("")
                    + ", "
                    + item.path("data").asString("").length() * 3 / 4
                    + " bytes]");
        case "resource_link" -> out.println("[link " + item.path("uri").asString("") + "]");
        case "resource" -> {
          JsonNode resource = item.path("resource");
          if (resource.has("text")) {
            out.println(resource.path("text").asString(""));
          } else {
            out.println("[resource " + resource.path("uri").asString("") + "]");
          }
        }
        default -> out.println(Json.text(item));
      }
    }
    if (!printed && result.has("structuredContent")) {
      out.println(Json.text(result.get("structuredContent")));
    }
  }
}
