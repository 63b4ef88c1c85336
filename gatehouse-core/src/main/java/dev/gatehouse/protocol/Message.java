package dev.gatehouse.protocol;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC 2.0 message, kept as the tree that came off the wire. The gateway reads only the
 * fields it must and rewrites only names, so everything else passes through unchanged.
 */
public sealed interface Message permits Request, Notification, Response {

  /** The whole message as it travels; mutating it changes what is sent. */
  ObjectNode json();

  /** Classifies a parsed JSON value; anything that is not a valid message is an invalid request. */
  static Message of(JsonNode node) {
    if (!(node instanceof ObjectNode json)) {
      throw invalid("a JSON-RPC message must be a JSON object");
    }
    JsonNode version = json.get("jsonrpc");
    if (version == null || !version.isString() || !"2.0".equals(version.stringValue())) {
      throw invalid("\"jsonrpc\" must be \"2.0\"");
    }
    JsonNode method = json.get("method");
    JsonNode id = json.get("id");
    if (method != null) {
      if (!method.isString()) {
        throw invalid("\"method\" must be a string");
      }
      JsonNode params = json.get("params");
      if (params != null && !params.isObject() && !params.isNull()) {
        throw invalid("\"params\" must be an object");
      }
      if (id == null) {
        return new Notification(method.stringValue(), json);
      }
      checkId(id);
      return new Request(id, method.stringValue(), json);
    }
    if (id != null && (json.has("result") || json.has("error"))) {
      if (!id.isNull()) {
        checkId(id);
      }
      if (json.has("error") && !json.get("error").isObject()) {
        throw invalid("\"error\" must be an object");
      }
      return new Response(id, json);
    }
    throw invalid("a message needs \"method\", or \"id\" with \"result\" or \"error\"");
  }

  /** Parses and classifies one message from bytes. */
  static Message parse(byte[] bytes) {
    return of(Json.parse(bytes));
  }

  static Message parse(String text) {
    return of(Json.parse(text));
  }

  private static void checkId(JsonNode id) {
    if (!id.isString() && !id.isIntegralNumber()) {
      throw invalid("\"id\" must be a string or an integer");
    }
  }

  private static GatewayException invalid(String why) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, "Invalid request: " + why);
  }
}
