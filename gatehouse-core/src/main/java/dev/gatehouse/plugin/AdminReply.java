package dev.gatehouse.plugin;

import dev.gatehouse.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The answer of a plugin's admin route.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the bytes to send
 */
public record AdminReply(int status, String contentType, byte[] body) {

  public AdminReply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  public static AdminReply json(int status, JsonNode json) {
    return new AdminReply(status, "application/json", Json.bytes(json));
  }

  public static AdminReply json(JsonNode json) {
    return json(200, json);
  }

  public static AdminReply text(int status, String text) {
    return new AdminReply(
        status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** 404 with {@code {"error": {"code": "not_found", "message": ...}}}. */
  public static AdminReply notFound(String message) {
    var json = Json.object();
    json.putObject("error").put("code", "not_found").put("message", message);
    return json(404, json);
  }
}
