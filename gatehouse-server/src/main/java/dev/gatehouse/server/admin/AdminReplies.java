package dev.gatehouse.server.admin;

import dev.gatehouse.hook.UpstreamError;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON answers of the admin routes. Errors are {@code {"error": {"code", "message", ...}}} with the
 * gateway's stable code and an HTTP status that fits it.
 */
final class AdminReplies {
  private AdminReplies() {}

  static void json(HttpServletResponse resp, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.bytes(body);
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  static void error(HttpServletResponse resp, int status, String code, String message)
      throws IOException {
    ObjectNode body = Json.object();
    body.putObject("error").put("code", code).put("message", message);
    json(resp, status, body);
  }

  /** A gateway error with its status; an upstream's own error comes along as {@code upstream}. */
  static void error(HttpServletResponse resp, GatewayException e) throws IOException {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("code", e.code().id());
    error.put("message", e.getMessage());
    if (e instanceof UpstreamError upstream) {
      error.set("upstream", upstream.error());
    } else {
      e.data().ifPresent(data -> error.set("data", data));
    }
    json(resp, status(e.code()), body);
  }

  static int status(ErrorCode code) {
    return switch (code) {
      case TOOL_NOT_FOUND,
          PROMPT_NOT_FOUND,
          RESOURCE_NOT_FOUND,
          DOMAIN_NOT_FOUND,
          GROUP_NOT_FOUND ->
          404;
      case PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS -> 400;
      case DENIED_BY_POLICY -> 403;
      case SERVER_UNAVAILABLE -> 503;
      case TIMEOUT -> 504;
      case UPSTREAM_ERROR -> 502;
      case CANCELLED -> 409;
      case METHOD_NOT_FOUND, CAPABILITY_NOT_SUPPORTED -> 501;
      default -> 500;
    };
  }
}
