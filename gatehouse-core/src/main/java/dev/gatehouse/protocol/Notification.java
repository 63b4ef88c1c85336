package dev.gatehouse.protocol;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A JSON-RPC notification: a method without an id, never answered. */
public record Notification(String method, ObjectNode json) implements Message {

  public Notification {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(json, "json");
  }

  public static Notification of(String method, ObjectNode params) {
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.put("method", method);
    if (params != null) {
      json.set("params", params);
    }
    return new Notification(method, json);
  }

  /** The params object, created empty in the message when absent. */
  public ObjectNode params() {
    JsonNode params = json.get("params");
    if (params instanceof ObjectNode object) {
      return object;
    }
    return json.putObject("params");
  }
}
