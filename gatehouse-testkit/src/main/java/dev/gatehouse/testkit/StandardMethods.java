package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.testkit.TestServer.PromptEntry;
import dev.gatehouse.testkit.TestServer.ResourceEntry;
import dev.gatehouse.testkit.TestServer.TemplateEntry;
import dev.gatehouse.testkit.TestServer.ToolEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The built-in MCP methods of a {@link TestServer}, as a table a builder may override. */
final class StandardMethods {
  private final TestServer server;
  private final Optional<CompletionHandler> completion;

  StandardMethods(TestServer server, Optional<CompletionHandler> completion) {
    this.server = server;
    this.completion = completion;
  }

  Map<String, MethodHandler> table() {
    Map<String, MethodHandler> table = new HashMap<>();
    table.put(McpMethods.INITIALIZE, this::initialize);
    table.put(McpMethods.PING, (params, ctx) -> Json.object());
    table.put(
        McpMethods.TOOLS_LIST,
        (params, ctx) -> list(server.tools(), ToolEntry::descriptor, "tools", params));
    table.put(McpMethods.TOOLS_CALL, this::callTool);
    table.put(
        McpMethods.PROMPTS_LIST,
        (params, ctx) -> list(server.prompts(), PromptEntry::descriptor, "prompts", params));
    table.put(McpMethods.PROMPTS_GET, this::getPrompt);
    table.put(
        McpMethods.RESOURCES_LIST,
        (params, ctx) -> list(server.resources(), ResourceEntry::descriptor, "resources", params));
    table.put(
        McpMethods.RESOURCES_TEMPLATES_LIST,
        (params, ctx) ->
            list(server.templates(), TemplateEntry::descriptor, "resourceTemplates", params));
    table.put(McpMethods.RESOURCES_READ, this::readResource);
    table.put(McpMethods.RESOURCES_SUBSCRIBE, (params, ctx) -> subscribe(params, ctx, true));
    table.put(McpMethods.RESOURCES_UNSUBSCRIBE, (params, ctx) -> subscribe(params, ctx, false));
    table.put(McpMethods.LOGGING_SET_LEVEL, this::setLevel);
    completion.ifPresent(handler -> table.put(McpMethods.COMPLETION_COMPLETE, handler::complete));
    return table;
  }

  private JsonNode initialize(ObjectNode params, RequestContext ctx) {
    return server.initializeResult(Json.string(params, "protocolVersion").orElse(""));
  }

  private JsonNode callTool(ObjectNode params, RequestContext ctx) {
    String name = required(params, "name");
    ToolEntry tool =
        server
            .tools()
            .get(name)
            .orElseThrow(
                () -> new GatewayException(ErrorCode.TOOL_NOT_FOUND, "Unknown tool: " + name));
    try {
      return tool.handler().call(arguments(params), ctx);
    } catch (GatewayException | ConnectionDropped e) {
      throw e;
    } catch (RuntimeException e) {
      return Content.errorResult(String.valueOf(e.getMessage()));
    }
  }

  private JsonNode getPrompt(ObjectNode params, RequestContext ctx) {
    String name = required(params, "name");
    PromptEntry prompt =
        server
            .prompts()
            .get(name)
            .orElseThrow(
                () -> new GatewayException(ErrorCode.PROMPT_NOT_FOUND, "Unknown prompt: " + name));
    return prompt.handler().get(arguments(params), ctx);
  }

  private JsonNode readResource(ObjectNode params, RequestContext ctx) {
    String uri = required(params, "uri");
    Optional<ResourceEntry> fixed = server.resources().get(uri);
    if (fixed.isPresent()) {
      return fixed.get().reader().read(uri, ctx);
    }
    for (TemplateEntry template : server.templates().snapshot()) {
      Optional<Map<String, String>> variables = template.template().match(uri);
      if (variables.isPresent()) {
        return template.reader().read(uri, variables.get(), ctx);
      }
    }
    ObjectNode data = Json.object();
    data.put("uri", uri);
    throw new GatewayException(
        ErrorCode.RESOURCE_NOT_FOUND, "Resource not found: " + uri, data, null);
  }

  private JsonNode subscribe(ObjectNode params, RequestContext ctx, boolean on) {
    String uri = required(params, "uri");
    Optional<DownstreamSession> session = ctx.session();
    if (session.isPresent()) {
      if (on) {
        TestServer.subscriptions(session.get()).add(uri);
      } else {
        TestServer.subscriptions(session.get()).remove(uri);
      }
    }
    return Json.object();
  }

  private JsonNode setLevel(ObjectNode params, RequestContext ctx) {
    String text = required(params, "level");
    LogLevel level =
        LogLevel.parse(text)
            .orElseThrow(
                () -> new GatewayException(ErrorCode.INVALID_PARAMS, "Invalid log level: " + text));
    ctx.session().ifPresent(s -> s.attributes().put(RequestContext.LOG_LEVEL, level));
    return Json.object();
  }

  private <E> ObjectNode list(
      Listing<E> listing, Function<E, ObjectNode> descriptor, String field, ObjectNode params) {
    return Pages.page(
        listing.snapshot().stream().map(descriptor).toList(), field, params, server.pageSize());
  }

  private static ObjectNode arguments(ObjectNode params) {
    return params.get("arguments") instanceof ObjectNode args ? args : Json.object();
  }

  private static String required(ObjectNode params, String field) {
    return Json.string(params, field)
        .orElseThrow(() ->
            new GatewayException(
                ErrorCode.INVALID_PARAMS, "Invalid params: \"" + field + "\" is required"));
  }
}
