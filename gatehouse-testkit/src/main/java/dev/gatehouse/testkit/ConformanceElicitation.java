package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The elicitation tools of the conformance suite: {@code test_elicitation} ({@code
 * tools-call-elicitation}), {@code test_elicitation_sep1034_defaults} (defaults for every primitive
 * type) and {@code test_elicitation_sep1330_enums} (the five enum shapes).
 */
final class ConformanceElicitation {

  private ConformanceElicitation() {}

  static void register(TestServerBuilder b) {
    b.tool(
        "test_elicitation",
        "Asks the user for a username and an email address",
        Schema.requiredStrings("message"),
        (args, ctx) -> {
          ObjectNode schema = Json.object();
          schema.put("type", "object");
          Schema.property(schema, "username", "string").put("description", "User's response");
          Schema.property(schema, "email", "string").put("description", "User's email address");
          Schema.require(schema, "username");
          Schema.require(schema, "email");
          return elicit(ctx, Json.string(args, "message").orElse(""), schema, "User response: ");
        });
    b.tool(
        "test_elicitation_sep1034_defaults",
        "Asks for input with a default value for every primitive type (SEP-1034)",
        Schema.empty(),
        (args, ctx) ->
            elicit(
                ctx,
                "Please review and update the form fields with defaults",
                defaultsSchema(),
                "Elicitation completed: "));
    b.tool(
        "test_elicitation_sep1330_enums",
        "Asks for input with all five enum schema variants (SEP-1330)",
        Schema.empty(),
        (args, ctx) ->
            elicit(ctx, "Please select options", enumsSchema(), "Elicitation completed: "));
  }

  private static ObjectNode elicit(
      RequestContext ctx, String message, ObjectNode schema, String prefix) {
    if (!ctx.exchange().clientCapabilities().has("elicitation")) {
      return Content.errorResult("The client does not support elicitation");
    }
    ObjectNode params = Json.object();
    params.put("message", message);
    params.set("requestedSchema", schema);
    ObjectNode result = ctx.elicit(params);
    String action = Json.string(result, "action").orElse("unknown");
    String content = result.has("content") ? Json.text(result.get("content")) : "{}";
    return Content.textResult(prefix + "action=" + action + ", content=" + content);
  }

  private static ObjectNode defaultsSchema() {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    Schema.property(schema, "name", "string").put("default", "John Doe");
    Schema.property(schema, "age", "integer").put("default", 30);
    Schema.property(schema, "score", "number").put("default", 95.5);
    ObjectNode status = Schema.property(schema, "status", "string");
    status.set("enum", strings("active", "inactive", "pending"));
    status.put("default", "active");
    Schema.property(schema, "verified", "boolean").put("default", true);
    return schema;
  }

  private static ObjectNode enumsSchema() {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    Schema.property(schema, "untitledSingle", "string")
        .set("enum", strings("option1", "option2", "option3"));
    Schema.property(schema, "titledSingle", "string")
        .set(
            "oneOf",
            titled("value1", "First Option", "value2", "Second Option", "value3", "Third Option"));
    ObjectNode legacy = Schema.property(schema, "legacyEnum", "string");
    legacy.set("enum", strings("opt1", "opt2", "opt3"));
    legacy.set("enumNames", strings("Option One", "Option Two", "Option Three"));
    ObjectNode untitledMulti = Schema.property(schema, "untitledMulti", "array");
    ObjectNode untitledItems = untitledMulti.putObject("items");
    untitledItems.put("type", "string");
    untitledItems.set("enum", strings("option1", "option2", "option3"));
    ObjectNode titledMulti = Schema.property(schema, "titledMulti", "array");
    titledMulti
        .putObject("items")
        .set(
            "anyOf",
            titled("value1", "First Choice", "value2", "Second Choice", "value3", "Third Choice"));
    return schema;
  }

  private static ArrayNode strings(String... values) {
    ArrayNode array = Json.array();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }

  /** {@code [{const, title}, ...]} from alternating values and titles. */
  private static ArrayNode titled(String... pairs) {
    ArrayNode array = Json.array();
    for (int i = 0; i < pairs.length; i += 2) {
      ObjectNode option = array.addObject();
      option.put("const", pairs[i]);
      option.put("title", pairs[i + 1]);
    }
    return array;
  }
}
