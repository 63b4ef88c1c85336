package dev.gatehouse.bench.upstream;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmarks' upstream: as little work per call as an MCP server can do, so that what is
 * measured is the hop in front of it. Tools: {@code echo} (returns {@code message}), {@code blob}
 * (returns {@code bytes} characters of text) and any number of synthetic tools for listings.
 */
public final class EchoUpstream implements McpHandler {
  private final ObjectNode listResult;

  private EchoUpstream(List<ObjectNode> tools) {
    listResult = Json.object();
    ArrayNode array = listResult.putArray("tools");
    tools.forEach(array::add);
  }

  /**
   * @param namePrefix prefix of the synthetic tools' names ({@code prefix_t0}, ...), may be empty
   * @param syntheticTools how many synthetic tools to list besides echo and blob
   */
  public static EchoUpstream of(String namePrefix, int syntheticTools) {
    List<ObjectNode> tools = new java.util.ArrayList<>();
    tools.add(tool("echo", "Returns the message it is given.", "message"));
    tools.add(tool("blob", "Returns a text of the given number of characters.", "bytes"));
    for (int i = 0; i < syntheticTools; i++) {
      String name = (namePrefix.isEmpty() ? "" : namePrefix + "_") + "t" + i;
      tools.add(
          tool(
              name,
              "Synthetic tool number "
                  + i
                  + " of a benchmark listing: looks up records in a catalog by key and filter.",
              "key"));
    }
    return new EchoUpstream(tools);
  }

  private static ObjectNode tool(String name, String description, String argument) {
    ObjectNode tool = Json.object();
    tool.put("name", name);
    tool.put("description", description);
    ObjectNode schema = tool.putObject("inputSchema");
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject(argument).put("type", "string").put("description", "The " + argument);
    properties.putObject("limit").put("type", "integer").put("minimum", 1);
    schema.putArray("required").add(argument);
    return tool;
  }

  @Override
  public Response handle(Request request, Exchange exchange) {
    return switch (request.method()) {
      case McpMethods.INITIALIZE -> Response.result(request.id(), initializeResult(request));
      case McpMethods.PING -> Response.result(request.id(), Json.object());
      case McpMethods.TOOLS_LIST -> Response.result(request.id(), listResult);
      case McpMethods.TOOLS_CALL -> call(request);
      default -> Response.error(request.id(), JsonRpcCodes.METHOD_NOT_FOUND, "Method not found");
    };
  }

  private static ObjectNode initializeResult(Request request) {
    ObjectNode result = Json.object();
    result.put(
        "protocolVersion",
        ProtocolVersion.negotiate(request.params().path("protocolVersion").asString("")));
    result.putObject("capabilities").putObject("tools");
    result.putObject("serverInfo").put("name", "bench-echo").put("version", "1.0.0");
    return result;
  }

  private static Response call(Request request) {
    ObjectNode arguments = request.params().path("arguments") instanceof ObjectNode a ? a : null;
    String name = request.params().path("name").asString("");
    String text =
        switch (name) {
          case "echo" -> arguments == null ? "" : arguments.path("message").asString("");
          case "blob" -> "x".repeat(arguments == null ? 0 : arguments.path("bytes").asInt(0));
          default -> name;
        };
    ObjectNode result = Json.object();
    result.putArray("content").addObject().put("type", "text").put("text", text);
    return Response.result(request.id(), result);
  }
}
