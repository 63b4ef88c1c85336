package dev.gatehouse.server.http;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Response;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.JsonNode;

/** Writes the plain (non-stream) answers of the endpoint: JSON messages and bare statuses. */
final class HttpReplies {
  private HttpReplies() {}

  /**
   * The message as the whole body. Serialized straight into the response: containers send a body
   * that fits their buffer with a Content-Length and stream a larger one chunked.
   */
  static void json(HttpServletResponse response, int status, Response message) throws IOException {
    response.setStatus(status);
    response.setContentType(AcceptHeader.JSON);
    ServletOutputStream out = response.getOutputStream();
    JsonBodies.write(out, message.json());
    out.close();
  }

  /** A transport-level refusal: the status plus a JSON-RPC error without an id. */
  static void error(HttpServletResponse response, int status, ErrorCode code, String message)
      throws IOException {
    error(response, status, null, new GatewayException(code, message));
  }

  static void error(HttpServletResponse response, int status, JsonNode id, GatewayException e)
      throws IOException {
    json(response, status, Response.error(id, e));
  }

  static void status(HttpServletResponse response, int status) {
    response.setStatus(status);
    response.setContentLength(0);
  }
}
