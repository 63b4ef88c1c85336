package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a route answers: a status and a body of some content type.
 *
 * @param status the HTTP status
 * @param contentType the body's media type; empty for no body
 * @param body the bytes to send
 */
record Reply(int status, String contentType, byte[] body) {
  static final String JSON = "application/json";

  static Reply json(int status, JsonNode node) {
    return new Reply(status, JSON, Json.bytes(node));
  }

  static Reply ok(JsonNode node) {
    return json(200, node);
  }

  static Reply created(JsonNode node) {
    return json(201, node);
  }

  static Reply noContent() {
    return new Reply(204, "", new byte[0]);
  }

  /** {@code {"error": {"code", "message", "field"?}}}. */
  static Reply error(ApiException e) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", e.code());
    error.put("message", e.getMessage());
    e.field().ifPresent(field -> error.put("field", field));
    return json(e.status(), root);
  }

  void writeTo(HttpServletResponse response) throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    if (!contentType.isEmpty()) {
      response.setContentType(contentType);
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }
}
