package dev.gatehouse.it.sdk;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.SamplingMessage;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The tools of the fixture upstream. Each exercises one part of the protocol through the gateway:
 * argument and result passing, progress, sampling, elicitation, cancellation, list changes.
 */
final class FixtureTools {
  static final String CANCELLED = "notifications/cancelled";

  /** The JSON-RPC error code of the fail tool, outside the ranges JSON-RPC and MCP reserve. */
  static final int FAILURE_CODE = -31999;

  static final McpJsonMapper JSON = FixtureJson.MAPPER;

  /** The longest a slow call runs when nobody cancels it; only a guard against leaks. */
  private static final Duration SLOW_LIMIT = Duration.ofSeconds(60);

  private FixtureTools() {}

  /**
   * @param inbound what the server received, for cancellation and the notifications_seen tool
   * @param server the server once built, for tools that change its own tool list
   */
  static List<SyncToolSpecification> all(
      InboundNotifications inbound, Supplier<McpSyncServer> server) {
    return List.of(
        tool(echo(), FixtureTools::callEcho),
        tool(plain("progress", "Reports progress steps, then answers"), FixtureTools::callProgress),
        tool(
            plain("sample", "Asks the client to sample, returns what it got"),
            FixtureTools::sample),
        tool(plain("elicit", "Asks the user for a name, returns the answer"), FixtureTools::elicit),
        tool(
            plain("slow", "Runs until its call is cancelled"),
            (exchange, request) -> slow(inbound, exchange, request)),
        tool(
            plain("notifications_seen", "Lists the notifications this server received"),
            (exchange, request) -> seen(inbound)),
        tool(
            plain("fail", "Fails: with an error result, or a JSON-RPC error when 'rpc' is true"),
            FixtureTools::fail),
        tool(
            plain("add_tool", "Adds a tool named by the argument 'name'"),
            (exchange, request) -> addTool(server.get(), request)));
  }

  /** The echo tool exactly as the fixture declares it, so tests can compare listings to it. */
  static Tool echo() {
    return Tool.builder(
            "echo",
            JSON,
            """
            {"type": "object",
             "properties": {"text": {"type": "string", "description": "Shown as text content"}},
             "required": ["text"]}
            """)
        .title("Echo")
        .description("Returns its arguments as structured content and its request _meta in _meta")
        .outputSchema(JSON, "{\"type\": \"object\"}")
        .annotations(new ToolAnnotations("Echo", true, false, true, false, null))
        .meta(Map.of("dev.gatehouse.it/fixture", "echo"))
        .build();
  }

  static Tool plain(String name, String description) {
    return Tool.builder(name, JSON, "{\"type\": \"object\"}").description(description).build();
  }

  static SyncToolSpecification tool(
      Tool tool, BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
    return SyncToolSpecification.builder().tool(tool).callHandler(handler).build();
  }

  private static CallToolResult callEcho(McpSyncServerExchange exchange, CallToolRequest request) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("dev.gatehouse.it/echoed", true);
    if (request.meta() != null) {
      meta.put("received", request.meta());
    }
    return CallToolResult.builder()
        .addTextContent(String.valueOf(request.arguments().get("text")))
        .structuredContent(request.arguments())
        .meta(meta)
        .build();
  }

  private static CallToolResult callProgress(
      McpSyncServerExchange exchange, CallToolRequest request) {
    int steps = intArgument(request, "steps", 3);
    Optional<Object> token = progressToken(request);
    for (int step = 1; step <= steps; step++) {
      int current = step;
      token.ifPresent(t ->
          exchange.progressNotification(
              ProgressNotification.builder(t, current)
                  .total((double) steps)
                  .message("step " + current)
                  .build()));
    }
    return text("done after " + steps + " steps");
  }

  private static CallToolResult sample(McpSyncServerExchange exchange, CallToolRequest request) {
    String prompt = String.valueOf(request.arguments().getOrDefault("prompt", "Say hello"));
    CreateMessageResult sampled =
        exchange.createMessage(
            CreateMessageRequest.builder(
                    List.of(new SamplingMessage(Role.USER, TextContent.builder(prompt).build())),
                    64)
                .systemPrompt("You are the fixture's model")
                .build());
    String answer =
        sampled.content() instanceof TextContent t ? t.text() : String.valueOf(sampled.content());
    return CallToolResult.builder()
        .addTextContent(answer)
        .structuredContent(
            Map.of("model", sampled.model(), "role", sampled.role().name(), "text", answer))
        .build();
  }

  private static CallToolResult elicit(McpSyncServerExchange exchange, CallToolRequest request) {
    Map<String, Object> schema =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("name", Map.of("type", "string", "description", "Your name")),
            "required",
            List.of("name"));
    ElicitResult answer =
        exchange.createElicitation(ElicitFormRequest.builder("What is your name?", schema).build());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("action", answer.action().name());
    result.put("content", answer.content() == null ? Map.of() : answer.content());
    return CallToolResult.builder()
        .addTextContent(answer.action().name())
        .structuredContent(result)
        .build();
  }

  private static CallToolResult fail(McpSyncServerExchange exchange, CallToolRequest request) {
    if (Boolean.TRUE.equals(request.arguments().get("rpc"))) {
      throw McpError.builder(FAILURE_CODE)
          .message("the fixture failed on purpose")
          .data(Map.of("detail", "asked to fail", "attempt", 1))
          .build();
    }
    return CallToolResult.builder()
        .addTextContent("the tool failed on purpose")
        .isError(true)
        .build();
  }

  /**
   * Reports one progress step so the caller knows the call is running, then waits for a {@code
   * notifications/cancelled} that arrives after it started. The SDK does not act on cancellation,
   * so the tool watches the wire itself.
   */
  private static CallToolResult slow(
      InboundNotifications inbound, McpSyncServerExchange exchange, CallToolRequest request) {
    int known = inbound.count(CANCELLED);
    progressToken(request)
        .ifPresent(t ->
            exchange.progressNotification(
                ProgressNotification.builder(t, 0).message("started").build()));
    try {
      boolean cancelled = inbound.awaitMore(CANCELLED, known, SLOW_LIMIT);
      return text(cancelled ? "cancelled" : "finished");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return text("interrupted");
    }
  }

  private static CallToolResult seen(InboundNotifications inbound) {
    List<Map<String, Object>> list =
        inbound.all().stream()
            .map(s -> Map.<String, Object>of("method", s.method(), "params", s.params()))
            .toList();
    return CallToolResult.builder()
        .addTextContent(list.size() + " notifications")
        .structuredContent(Map.of("notifications", list))
        .build();
  }

  private static CallToolResult addTool(McpSyncServer server, CallToolRequest request) {
    String name = String.valueOf(request.arguments().get("name"));
    server.addTool(
        tool(plain(name, "Added while running"), (exchange, call) -> text("I am " + name)));
    return text("added " + name);
  }

  static CallToolResult text(String text) {
    return CallToolResult.builder().addTextContent(text).build();
  }

  private static Optional<Object> progressToken(CallToolRequest request) {
    return Optional.ofNullable(request.meta()).map(meta -> meta.get("progressToken"));
  }

  private static int intArgument(CallToolRequest request, String name, int fallback) {
    return request.arguments().get(name) instanceof Number n ? n.intValue() : fallback;
  }
}
