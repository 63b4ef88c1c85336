package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code execute_tool}: runs an upstream tool through the endpoint's own call path, so everything
 * that governs a direct {@code tools/call} governs this one too. Takes {@code {name, arguments}} or
 * {@code {server, tool, args}}, each with an optional {@code timeout_ms}. Progress tokens and
 * cancellation of the outer call carry over to the inner one.
 */
final class ExecuteTool implements MetaTool {
  static final String NAME = "execute_tool";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode definition() {
    return Definition.of(
            NAME,
            "Execute tool",
            "Run a tool found with discover_tools, search_tools or get_server_tools. Give name"
                + " (the full tool name, e.g. \"github_create_issue\") and arguments (an object"
                + " matching the tool's input schema from get_tool_schema). Or give server, tool"
                + " (that server's name for the tool) and args. timeout_ms optionally limits the"
                + " wait. Answers the tool's own result.")
        .string("name", "The full tool name.")
        .object("arguments", "The tool's arguments, as its input schema describes.")
        .string("server", "Instead of name: the server (domain) of the tool.")
        .string("tool", "With server: the tool's name on that server.")
        .object("args", "With server and tool: the tool's arguments.")
        .integer("timeout_ms", "How long to wait for the result, in milliseconds.")
        .build();
  }

  @Override
  public ObjectNode call(MetaCall call) {
    Arguments arguments = call.arguments();
    Optional<String> name = arguments.string("name");
    Optional<String> server = arguments.string("server");
    ToolEntry tool;
    if (name.isPresent()) {
      tool = call.visible().requireTool(name.get());
    } else if (server.isPresent()) {
      tool = call.visible().requireTool(server.get(), arguments.requireString("tool"));
    } else {
      throw Arguments.invalid(
          "give \"name\" and \"arguments\", or \"server\", \"tool\" and \"args\"");
    }
    ObjectNode toolArguments = arguments.object("arguments", "args").orElseGet(Json::object);
    Optional<Duration> limit = arguments.positiveInt("timeout_ms").map(Duration::ofMillis);

    ObjectNode params = Json.object();
    params.put("name", tool.name());
    params.set("arguments", toolArguments);
    // The outer call's progress token and other _meta belong to the inner call now.
    call.request().meta().ifPresent(meta -> params.set("_meta", meta.deepCopy()));
    Request inner = Request.of(call.request().id(), McpMethods.TOOLS_CALL, params);
    Response response =
        limit.isPresent()
            ? CallDeadline.run(limit.get(), () -> call.direct().call(inner, call.exchange()))
            : call.direct().call(inner, call.exchange());
    if (response.isError()) {
      throw failure(tool, response.error().orElseGet(Json::object));
    }
    JsonNode result = response.result().orElseGet(Json::object);
    return result instanceof ObjectNode object ? object : Json.object();
  }

  /**
   * An error answer from the call path: the gateway's own stable code when it carries one, else the
   * upstream refused or failed the call ({@code execution_error}), with its error attached.
   */
  private static GatewayException failure(ToolEntry tool, ObjectNode error) {
    String id = error.path("data").path("code").asString("");
    ErrorCode code =
        Arrays.stream(ErrorCode.values())
            .filter(c -> c.id().equals(id))
            .findFirst()
            .orElse(ErrorCode.EXECUTION_ERROR);
    String message = error.path("message").asString("the call failed");
    ObjectNode data = Json.object();
    data.set("upstream_error", error);
    return new GatewayException(code, tool.name() + " failed: " + message, data, null);
  }
}
