package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools the server scenarios of the MCP conformance suite call ({@code tools-call-simple-text},
 * {@code tools-call-image}, ... {@code tools-call-elicitation}), with the names, arguments and
 * results the suite's scenario descriptions ask for.
 */
final class ConformanceTools {
  /** The suite asks for "~50ms" between the notifications of the logging and progress tools. */
  private static final Duration STEP = Duration.ofMillis(50);

  private ConformanceTools() {}

  static void register(TestServerBuilder b) {
    b.tool(
        "test_simple_text",
        "Returns a simple text response",
        Schema.empty(),
        (args, ctx) -> Content.textResult("This is a simple text response for testing."));
    b.tool(
        "test_image_content",
        "Returns a 1x1 PNG image",
        Schema.empty(),
        (args, ctx) -> Content.toolResult(Content.image(SampleMedia.RED_PIXEL_PNG, "image/png")));
    b.tool(
        "test_audio_content",
        "Returns a short WAV audio clip",
        Schema.empty(),
        (args, ctx) -> Content.toolResult(Content.audio(SampleMedia.SILENT_WAV, "audio/wav")));
    b.tool(
        "test_embedded_resource",
        "Returns an embedded text resource",
        Schema.empty(),
        (args, ctx) ->
            Content.toolResult(
                Content.embeddedText(
                    "test://embedded-resource",
                    "text/plain",
                    "This is an embedded resource content.")));
    b.tool(
        "test_multiple_content_types",
        "Returns text, image and resource content together",
        Schema.empty(),
        (args, ctx) ->
            Content.toolResult(
                Content.text("Multiple content types test:"),
                Content.image(SampleMedia.RED_PIXEL_PNG, "image/png"),
                Content.embeddedText(
                    "test://mixed-content-resource",
                    "application/json",
                    "{\"test\":\"data\",\"value\":123}")));
    b.tool(
        "test_tool_with_logging",
        "Sends three info log messages while it runs",
        Schema.empty(),
        ConformanceTools::withLogging);
    b.tool(
        "test_tool_with_progress",
        "Reports progress 0, 50 and 100 of 100 while it runs",
        Schema.empty(),
        ConformanceTools::withProgress);
    b.tool(
        "test_error_handling",
        "Always fails with a tool execution error",
        Schema.empty(),
        (args, ctx) -> Content.errorResult("This tool intentionally returns an error for testing"));
    b.tool(
        "test_sampling",
        "Asks the client to sample an LLM with the given prompt",
        Schema.requiredStrings("prompt"),
        ConformanceTools::sampling);
    b.tool(
        "test_reconnection",
        "Answers after a short pause (SSE polling scenario; the stream is not closed mid-call)",
        Schema.empty(),
        (args, ctx) -> {
          ctx.sleep(STEP);
          return Content.textResult("Reconnection test completed");
        });
    b.tool(jsonSchema202012(), (args, ctx) -> Content.textResult("Received: " + args));
    ConformanceElicitation.register(b);
  }

  private static ObjectNode withLogging(ObjectNode args, RequestContext ctx) {
    ctx.log(LogLevel.INFO, "Tool execution started");
    ctx.sleep(STEP);
    ctx.log(LogLevel.INFO, "Tool processing data");
    ctx.sleep(STEP);
    ctx.log(LogLevel.INFO, "Tool execution completed");
    return Content.textResult("Tool with logging executed successfully");
  }

  private static ObjectNode withProgress(ObjectNode args, RequestContext ctx) {
    ctx.progress(0, 100, "Starting");
    ctx.sleep(STEP);
    ctx.progress(50, 100, "Halfway");
    ctx.sleep(STEP);
    ctx.progress(100, 100, "Done");
    return Content.textResult("Tool with progress executed successfully");
  }

  private static ObjectNode sampling(ObjectNode args, RequestContext ctx) {
    if (!ctx.exchange().clientCapabilities().has("sampling")) {
      return Content.errorResult("The client does not support sampling");
    }
    ObjectNode params = Json.object();
    ObjectNode message = params.putArray("messages").addObject();
    message.put("role", "user");
    message.set("content", Content.text(Json.string(args, "prompt").orElse("")));
    params.put("maxTokens", 100);
    ObjectNode result = ctx.sample(params);
    return Content.textResult("LLM response: " + firstText(result.get("content")));
  }

  /** The text of a sampling result's content, which is one block or (since 2025-11-25) a list. */
  private static String firstText(JsonNode content) {
    JsonNode block = content != null && content.isArray() ? content.get(0) : content;
    return Json.string(block, "text").orElse("");
  }

  /** A tool whose input schema uses JSON Schema 2020-12 keywords a proxy must not strip. */
  private static ObjectNode jsonSchema202012() {
    ObjectNode schema = Json.object();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("type", "object");
    ObjectNode address = schema.putObject("$defs").putObject("address");
    address.put("type", "object");
    Schema.property(address, "street", "string");
    Schema.property(address, "city", "string");
    Schema.property(schema, "name", "string");
    ((ObjectNode) schema.get("properties")).putObject("address").put("$ref", "#/$defs/address");
    schema.put("additionalProperties", false);
    ObjectNode tool = Json.object();
    tool.put("name", "json_schema_2020_12_tool");
    tool.put("description", "Tool with JSON Schema 2020-12 features");
    tool.set("inputSchema", schema);
    return tool;
  }
}
