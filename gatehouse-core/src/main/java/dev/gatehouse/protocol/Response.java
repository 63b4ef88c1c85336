package dev.gatehouse.protocol;

import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** A JSON-RPC response: a result or an error for the request with the same id. */
public record Response(JsonNode id, ObjectNode json) implements Message {

  public Response {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
  }

  public static Response result(JsonNode id, JsonNode result) {
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.set("id", id == null ? NullNode.getInstance() : id);
    json.set("result", result == null ? Json.object() : result);
    return new Response(json.get("id"), json);
  }

  /** An error response; {@code id} may be null when the request's id could not be read. */
  public static Response error(JsonNode id, ObjectNode error) {
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.set("id", id == null ? NullNode.getInstance() : id);
    json.set("error", error);
    return new Response(json.get("id"), json);
  }

  public static Response error(JsonNode id, GatewayException e) {
    return error(id, e.toError());
  }

  public static Response error(JsonNode id, int code, String message) {
    ObjectNode error = Json.object();
    error.put("code", code);
    error.put("message", message);
    return error(id, error);
  }

  public boolean isError() {
    return json.has("error");
  }

  /**
   * The result object, when this is a success. A result still streaming from an upstream ({@link
   * StreamedResult}) is read and parsed first, and stays parsed in the tree.
   */
  public Optional<JsonNode> result() {
    JsonNode result = json.get("result");
    if (result == null) {
      return Optional.empty();
    }
    JsonNode parsed = StreamedResult.parsed(result);
    if (parsed != result) {
      json.set("result", parsed);
    }
    return Optional.of(parsed);
  }

  /** The error object, when this is an error. */
  public Optional<ObjectNode> error() {
    return json.get("error") instanceof ObjectNode error ? Optional.of(error) : Optional.empty();
  }

  /** The same response under another id; the tree is copied. */
  public Response withId(JsonNode newId) {
    ObjectNode copy = json.deepCopy();
    copy.set("id", newId);
    return new Response(newId, copy);
  }
}
