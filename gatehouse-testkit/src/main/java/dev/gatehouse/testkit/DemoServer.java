package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small, friendly MCP server for {@code gatehouse serve --demo}: a few tools ({@code echo},
 * {@code add}, {@code current_time}, {@code random_number}), a prompt and two resources. It runs as
 * a real stdio upstream through {@link DemoServerMain}.
 */
public final class DemoServer {

  private DemoServer() {}

  public static TestServer create() {
    return create(Clock.systemDefaultZone());
  }

  /** A demo server whose {@code current_time} reads {@code clock}. */
  public static TestServer create(Clock clock) {
    TestServerBuilder b =
        TestServer.builder()
            .serverInfo("gatehouse-demo", "1.0.0")
            .instructions(
                "A demo server bundled with Gatehouse: echo text, add numbers, tell the time, "
                    + "draw random numbers.");
    b.tool(
        tool("echo", "Echo", "Returns the message it is given", echoSchema(), true),
        (args, ctx) -> Content.textResult(Json.string(args, "message").orElse("")));
    ObjectNode addSchema = Schema.empty();
    Schema.property(addSchema, "a", "number").put("description", "First addend");
    Schema.property(addSchema, "b", "number").put("description", "Second addend");
    Schema.require(addSchema, "a");
    Schema.require(addSchema, "b");
    b.tool(tool("add", "Add", "Adds two numbers", addSchema, true), DemoServer::add);
    ObjectNode timeSchema = Schema.empty();
    Schema.property(timeSchema, "timezone", "string")
        .put("description", "An IANA time zone such as Europe/Paris; the server's zone if absent");
    b.tool(
        tool("current_time", "Current time", "Tells the current date and time", timeSchema, false),
        (args, ctx) -> currentTime(args, clock));
    ObjectNode randomSchema = Schema.empty();
    Schema.property(randomSchema, "min", "integer").put("description", "Lowest value (default 1)");
    Schema.property(randomSchema, "max", "integer")
        .put("description", "Highest value (default 100)");
    b.tool(
        tool(
            "random_number",
            "Random number",
            "Draws a random whole number between min and max, inclusive",
            randomSchema,
            false),
        DemoServer::randomNumber);
    b.prompt(greetingPrompt(), DemoServer::greeting);
    b.textResource(
        "demo://readme",
        "readme",
        "text/markdown",
        "# Gatehouse demo\n\nThis server is bundled with Gatehouse to show a real stdio upstream.\n");
    ObjectNode config = Json.object();
    config.put("server", "gatehouse-demo");
    config.put("transport", "stdio");
    config.putArray("tools").add("echo").add("add").add("current_time").add("random_number");
    b.textResource("demo://config", "config", "application/json", Json.text(config));
    return b.build();
  }

  private static ObjectNode add(ObjectNode args, RequestContext ctx) {
    double a = number(args, "a");
    double b = number(args, "b");
    double sum = a + b;
    boolean whole = sum == Math.rint(sum) && Math.abs(sum) < Long.MAX_VALUE;
    ObjectNode result =
        Content.textResult(whole ? Long.toString((long) sum) : Double.toString(sum));
    ObjectNode structured = result.putObject("structuredContent");
    if (whole) {
      structured.put("sum", (long) sum);
    } else {
      structured.put("sum", sum);
    }
    return result;
  }

  private static ObjectNode currentTime(ObjectNode args, Clock clock) {
    ZoneId zone =
        Json.string(args, "timezone")
            .map(id -> {
              try {
                return ZoneId.of(id);
              } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("Unknown time zone: " + id);
              }
            })
            .orElse(clock.getZone());
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    return Content.textResult(now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " " + zone);
  }

  private static ObjectNode randomNumber(ObjectNode args, RequestContext ctx) {
    long min = args.has("min") ? args.get("min").asLong() : 1;
    long max = args.has("max") ? args.get("max").asLong() : 100;
    if (min > max) {
      throw new IllegalArgumentException("min must not be greater than max");
    }
    long value = ThreadLocalRandom.current().nextLong(min, max + 1);
    return Content.textResult(Long.toString(value));
  }

  private static ObjectNode greeting(ObjectNode args, RequestContext ctx) {
    String name = Json.string(args, "name").orElse("there");
    return Content.promptResult(
        "A friendly greeting",
        Content.message(
            "user",
            Content.text(
                "Say hello to " + name + " and tell them what the Gatehouse demo tools can do.")));
  }

  private static ObjectNode echoSchema() {
    ObjectNode schema = Schema.requiredStrings("message");
    ((ObjectNode) schema.get("properties").get("message")).put("description", "Text to echo back");
    return schema;
  }

  private static ObjectNode greetingPrompt() {
    ObjectNode prompt = Json.object();
    prompt.put("name", "greeting");
    prompt.put("description", "Greets someone and introduces the demo tools");
    ObjectNode argument = prompt.putArray("arguments").addObject();
    argument.put("name", "name");
    argument.put("description", "Who to greet");
    argument.put("required", false);
    return prompt;
  }

  private static ObjectNode tool(
      String name, String title, String description, ObjectNode schema, boolean idempotent) {
    ObjectNode tool = Json.object();
    tool.put("name", name);
    tool.put("title", title);
    tool.put("description", description);
    tool.set("inputSchema", schema);
    ObjectNode annotations = tool.putObject("annotations");
    annotations.put("readOnlyHint", true);
    annotations.put("idempotentHint", idempotent);
    annotations.put("openWorldHint", false);
    return tool;
  }

  private static double number(ObjectNode args, String field) {
    JsonNode value = args.get(field);
    if (value == null || !value.isNumber()) {
      // A tool execution error, so the model can correct its arguments.
      throw new IllegalArgumentException("\"" + field + "\" must be a number");
    }
    return value.asDouble();
  }
}
