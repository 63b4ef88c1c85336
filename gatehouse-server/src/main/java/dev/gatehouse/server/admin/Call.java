package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request to a route: its path parameters and, read on demand, its JSON body.
 *
 * @param request the servlet request
 * @param params the values of the route's {@code {name}} segments
 */
record Call(HttpServletRequest request, Map<String, String> params) {
  /** Admin bodies are small records; anything bigger is a mistake or an attack. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  String param(String name) {
    return params.get(name);
  }

  /** True when the query string sets {@code name=true} (or just {@code name}). */
  boolean flag(String name) {
    String value = request.getParameter(name);
    return value != null && (value.isEmpty() || Boolean.parseBoolean(value));
  }

  /**
   * The body as a JSON object.
   *
   * @throws ApiException 415 for a body that is not declared JSON, 413 for one too large, 400 for
   *     one that is not a JSON object
   */
  ObjectNode body() {
    String type = request.getContentType();
    if (type != null
        && !type.toLowerCase(Locale.ROOT).startsWith(Reply.JSON)
        && request.getContentLengthLong() != 0) {
      throw new ApiException(
          415, "unsupported_media_type", "send the body as " + Reply.JSON + ", not " + type, null);
    }
    byte[] bytes = read();
    if (bytes.length == 0) {
      throw ApiException.badRequest("malformed_json", "the request needs a JSON object body");
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(bytes);
    } catch (JacksonException e) {
      throw ApiException.badRequest(
          "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
    }
    return object;
  }

  private byte[] read() {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.badRequest("malformed_json", "the body could not be read");
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413, "too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes", null);
  }
}
