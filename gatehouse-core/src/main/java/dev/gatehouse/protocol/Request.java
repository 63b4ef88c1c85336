package dev.gatehouse.protocol;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A JSON-RPC request: it has an id and expects exactly one {@link Response}. */
public record Request(JsonNode id, String method, ObjectNode json) implements Message {

  public Request {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(json, "json");
  }

  /** A new request with the given params (may be null for none). */
  public static Request of(JsonNode id, String method, ObjectNode params) {
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.set("id", id);
    json.put("method", method);
    if (params != null) {
      json.set("params", params);
    }
    return new Request(id, method, json);
  }

  /** The params object, created empty in the message when absent so callers may edit it. */
  public ObjectNode params() {
    JsonNode params = json.get("params");
    if (params instanceof ObjectNode object) {
      return object;
    }
    return json.putObject("params");
  }

  /** {@code params._meta}, or empty when absent. */
  public java.util.Optional<ObjectNode> meta() {
    JsonNode params = json.get("params");
    if (params != null && params.get("_meta") instanceof ObjectNode meta) {
      return java.util.Optional.of(meta);
    }
    return java.util.Optional.empty();
  }

  /** The same request under another id; the tree is copied, the original stays as it was. */
  public Request withId(JsonNode newId) {
    ObjectNode copy = json.deepCopy();
    copy.set("id", newId);
    return new Request(newId, method, copy);
  }
}
