package dev.gatehouse.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.Gateway;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.UpstreamConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/** The meta-tools and endpoint modes, through the gateway's handler, against fake upstreams. */
class DiscoveryModeTest {
  static final List<String> META_TOOLS =
      List.of(
          "discover_tools",
          "get_tool_schema",
          "execute_tool",
          "search_tools",
          "describe_tool",
          "list_servers",
          "get_server_tools",
          "refresh_registry");

  private final Map<String, FakeUpstream> upstreams = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /** math: get-sum, multiply; text: echo, reverse. */
  private McpHandler start(EndpointMode mode, EndpointSettings settings) {
    gateway =
        Gateway.builder()
            .upstreams(
                List.of(
                    UpstreamConfig.stdio("math", "unused", List.of()),
                    UpstreamConfig.stdio("text", "unused", List.of())))
            .settings(settings)
            .discovery(new DiscoverySettings(mode, Map.of("math", "Arithmetic on numbers")))
            .connector(c -> upstreams.computeIfAbsent(c.name(), n -> new FakeUpstream(c)))
            .build()
            .start();
    listTools(
        "math",
        tool(
            "get-sum", "Returns the sum of two numbers", "a", "First number", "b", "Second number"),
        tool("multiply", "Multiplies a by b", "a", "A factor", "b", "Another factor"));
    listTools(
        "text",
        tool("echo", "Echoes back the input string", "message", "Message to echo"),
        tool("reverse", "Reverses a string", "text", "The text to reverse"));
    upstreams.get("math").ready();
    upstreams.get("text").ready();
    await().until(() -> gateway.catalog().tools().size() == 4);
    return gateway.handler();
  }

  private McpHandler start(EndpointMode mode) {
    return start(mode, EndpointSettings.defaults());
  }

  static ObjectNode tool(String name, String description, String... parameters) {
    ObjectNode tool = Json.object().put("name", name).put("description", description);
    ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    for (int i = 0; i < parameters.length; i += 2) {
      properties
          .putObject(parameters[i])
          .put("type", name.equals("echo") ? "string" : "number")
          .put("description", parameters[i + 1]);
      schema.withArray("required").add(parameters[i]);
    }
    return tool;
  }

  private void listTools(String server, ObjectNode... tools) {
    upstreams
        .get(server)
        .answer(
            McpMethods.TOOLS_LIST,
            (p, o) -> {
              ObjectNode result = Json.object();
              for (ObjectNode tool : tools) {
                result.withArray("tools").add(tool);
              }
              return result;
            });
  }

  private Response send(McpHandler handler, String method, ObjectNode params, RecordingExchange e) {
    return handler.handle(Request.of(IntNode.valueOf(ids.incrementAndGet()), method, params), e);
  }

  private List<String> toolNames(McpHandler handler) {
    return send(handler, McpMethods.TOOLS_LIST, Json.object(), new RecordingExchange("s1"))
        .result()
        .orElseThrow()
        .path("tools")
        .valueStream()
        .map(t -> t.path("name").asString())
        .toList();
  }

  /** Calls a tool and returns its result (a tools/call result object). */
  static JsonNode call(McpHandler handler, String tool, ObjectNode arguments) {
    ObjectNode params = Json.object().put("name", tool);
    params.set("arguments", arguments);
    Response response =
        handler.handle(
            Request.of(IntNode.valueOf(1), McpMethods.TOOLS_CALL, params),
            new RecordingExchange("s1"));
    assertThat(response.isError()).as("%s", response.json()).isFalse();
    return response.result().orElseThrow();
  }

  static JsonNode structured(McpHandler handler, String tool, ObjectNode arguments) {
    JsonNode result = call(handler, tool, arguments);
    assertThat(result.path("isError").asBoolean(false)).as("%s", result).isFalse();
    return result.path("structuredContent");
  }

  static JsonNode failure(McpHandler handler, String tool, ObjectNode arguments) {
    JsonNode result = call(handler, tool, arguments);
    assertThat(result.path("isError").asBoolean(false)).as("%s", result).isTrue();
    assertThat(Json.parse(result.path("content").get(0).path("text").asString()))
        .isEqualTo(result.path("structuredContent"));
    return result.path("structuredContent");
  }

  static List<String> names(JsonNode array, String field) {
    return array.valueStream().map(n -> n.path(field).asString()).toList();
  }

  @Test
  void discoveryListsOnlyTheMetaTools() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    assertThat(toolNames(handler)).containsExactlyElementsOf(META_TOOLS);
    JsonNode listed =
        send(handler, McpMethods.TOOLS_LIST, Json.object(), new RecordingExchange("s1"))
            .result()
            .orElseThrow();
    for (JsonNode tool : listed.path("tools")) {
      assertThat(tool.path("description").asString()).hasSizeGreaterThan(40);
      assertThat(tool.path("inputSchema").path("type").asString()).isEqualTo("object");
    }
  }

  @Test
  void hybridListsTheMetaToolsThenTheUpstreamTools() {
    McpHandler handler = start(EndpointMode.HYBRID);

    assertThat(toolNames(handler))
        .startsWith(META_TOOLS.toArray(String[]::new))
        .endsWith("math_get-sum", "math_multiply", "text_echo", "text_reverse");
  }

  @Test
  void flatListsOnlyTheUpstreamToolsAndLeavesMetaToolNamesToTheUpstreams() {
    McpHandler handler = start(EndpointMode.FLAT);

    assertThat(toolNames(handler))
        .containsExactly("math_get-sum", "math_multiply", "text_echo", "text_reverse");
    Response response =
        send(
            handler,
            McpMethods.TOOLS_CALL,
            Json.object().put("name", "discover_tools"),
            new RecordingExchange("s1"));
    assertThat(response.error().orElseThrow().path("data").path("code").asString())
        .isEqualTo("tool_not_found");
  }

  @Test
  void discoverToolsNamesTheDomainsThenListsOneDomain() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode domains = structured(handler, "discover_tools", Json.object()).path("domains");
    assertThat(names(domains, "name")).containsExactly("math", "text");
    assertThat(domains.get(0).path("tools").asInt()).isEqualTo(2);
    assertThat(domains.get(0).path("description").asString()).isEqualTo("Arithmetic on numbers");

    JsonNode text = structured(handler, "discover_tools", Json.object().put("domain", "text"));
    assertThat(names(text.path("tools"), "name")).containsExactly("text_echo", "text_reverse");
    assertThat(text.path("tools").get(0).path("description").asString())
        .isEqualTo("Echoes back the input string");

    JsonNode query =
        structured(handler, "discover_tools", Json.object().put("query", "reverse a string"));
    assertThat(names(query.path("tools"), "name")).first().isEqualTo("text_reverse");

    JsonNode inDomain =
        structured(
            handler,
            "discover_tools",
            Json.object().put("domain", "math").put("query", "reverse a string or add numbers"));
    assertThat(names(inDomain.path("tools"), "name")).containsExactly("math_get-sum");
  }

  @Test
  void discoverToolsAnswersSignatures() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode result =
        call(
            handler,
            "discover_tools",
            Json.object().put("domain", "math").put("format", "signatures"));

    assertThat(result.path("content").get(0).path("text").asString())
        .isEqualTo(
            "math_get-sum(a: number, b: number) -> any  # Returns the sum of two numbers\n"
                + "math_multiply(a: number, b: number) -> any  # Multiplies a by b");
  }

  @Test
  void anUnknownDomainAnswersDomainNotFoundWithSuggestions() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode error = failure(handler, "discover_tools", Json.object().put("domain", "maht"));

    assertThat(error.path("code").asString()).isEqualTo("domain_not_found");
    assertThat(error.path("suggestions").get(0).asString()).isEqualTo("math");
  }

  @Test
  void getToolSchemaFindsANearMissAndSaysSo() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode schema =
        structured(handler, "get_tool_schema", Json.object().put("name", "text_ecoh"));

    assertThat(schema.path("name").asString()).isEqualTo("text_echo");
    assertThat(schema.path("requested").asString()).isEqualTo("text_ecoh");
    assertThat(schema.path("inputSchema").path("required").get(0).asString()).isEqualTo("message");
  }

  @Test
  void anUnknownToolAnswersToolNotFoundWithSuggestionsAndNothingGoesUpstream() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode error = failure(handler, "execute_tool", Json.object().put("name", "text_echoo_x"));
    JsonNode schema = failure(handler, "get_tool_schema", Json.object().put("name", "zzz"));

    assertThat(error.path("code").asString()).isEqualTo("tool_not_found");
    assertThat(error.path("message").asString()).contains("text_echoo_x");
    assertThat(error.path("suggestions").valueStream().map(JsonNode::asString))
        .contains("text_echo");
    assertThat(schema.path("code").asString()).isEqualTo("tool_not_found");
    assertThat(upstreams.get("text").calls).noneMatch(c -> c.method().equals("tools/call"));
  }

  @Test
  void executeToolTakesBothShapesAndCallsTheUpstreamUnderItsOwnName() {
    McpHandler handler = start(EndpointMode.DISCOVERY);
    upstreams
        .get("text")
        .answer(
            McpMethods.TOOLS_CALL,
            (p, o) -> {
              ObjectNode result = Json.object();
              result
                  .withArray("content")
                  .addObject()
                  .put("type", "text")
                  .put("text", "Echo: " + p.path("arguments").path("message").asString());
              result.put("x-unknown", 1);
              return result;
            });

    ObjectNode named = Json.object().put("name", "text_echo");
    named.putObject("arguments").put("message", "one");
    ObjectNode params = Json.object().put("name", "execute_tool");
    params.set("arguments", named);
    params.putObject("_meta").put("progressToken", "p7");
    Response first =
        handler.handle(
            Request.of(IntNode.valueOf(41), McpMethods.TOOLS_CALL, params),
            new RecordingExchange("s1"));

    ObjectNode split = Json.object().put("server", "text").put("tool", "echo");
    split.putObject("args").put("message", "two");
    JsonNode second = call(handler, "execute_tool", split);

    assertThat(first.id().intValue()).isEqualTo(41);
    JsonNode firstResult = first.result().orElseThrow();
    assertThat(firstResult.path("content").get(0).path("text").asString()).isEqualTo("Echo: one");
    assertThat(firstResult.path("x-unknown").asInt()).isEqualTo(1);
    assertThat(second.path("content").get(0).path("text").asString()).isEqualTo("Echo: two");
    List<FakeUpstream.Call> calls =
        upstreams.get("text").calls.stream().filter(c -> c.method().equals("tools/call")).toList();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).params().path("name").asString()).isEqualTo("echo");
    assertThat(calls.get(0).params().path("_meta").path("progressToken").asString())
        .isEqualTo("p7");
    assertThat(calls.get(1).params().path("arguments").path("message").asString()).isEqualTo("two");
  }

  @Test
  void executeToolWithTimeoutMsAnswersTimeoutAndLeavesTheThreadUninterrupted() {
    McpHandler handler = start(EndpointMode.DISCOVERY);
    upstreams
        .get("text")
        .answer(
            McpMethods.TOOLS_CALL,
            (p, o) -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                // What a real connection does when its caller is interrupted.
                throw new GatewayException(ErrorCode.CANCELLED, "cancelled");
              }
              return Json.object();
            });
    ObjectNode arguments = Json.object().put("name", "text_echo").put("timeout_ms", 50);
    arguments.putObject("arguments").put("message", "slow");

    JsonNode error = failure(handler, "execute_tool", arguments);

    assertThat(error.path("code").asString()).isEqualTo("TIMEOUT");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void executeToolOnAServerThatIsDownAnswersServerUnavailable() {
    McpHandler handler = start(EndpointMode.DISCOVERY);
    upstreams.get("text").lose();
    await().until(() -> gateway.catalog().tools().size() == 2);

    JsonNode error = failure(handler, "execute_tool", Json.object().put("name", "text_echo"));

    assertThat(error.path("code").asString()).isEqualTo("SERVER_UNAVAILABLE");
  }

  @Test
  void anUpstreamErrorBecomesAnExecutionErrorResult() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode error = failure(handler, "execute_tool", Json.object().put("name", "math_multiply"));

    assertThat(error.path("code").asString()).isEqualTo("execution_error");
    assertThat(error.path("upstream_error").path("code").asInt()).isEqualTo(-32601);
  }

  @Test
  void searchToolsRanksTheBestMatchFirst() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode results =
        structured(handler, "search_tools", Json.object().put("query", "add two numbers"))
            .path("results");
    JsonNode typo =
        structured(handler, "search_tools", Json.object().put("query", "revrse")).path("results");

    assertThat(names(results, "name")).first().isEqualTo("math_get-sum");
    assertThat(names(typo, "name")).first().isEqualTo("text_reverse");
  }

  @Test
  void describeToolAndGetServerToolsAnswerDefinitions() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode described =
        structured(handler, "describe_tool", Json.object().put("name", "math_get-sum"));
    JsonNode all = structured(handler, "get_server_tools", Json.object().put("server", "math"));
    JsonNode narrowed =
        structured(
            handler,
            "get_server_tools",
            Json.object().put("server", "math").put("pattern", "mul*"));
    JsonNode budget =
        structured(
            handler,
            "get_server_tools",
            Json.object().put("server", "math").put("max_schema_tokens", 70));

    assertThat(described.path("tool").path("inputSchema").path("properties").has("a")).isTrue();
    assertThat(described.path("signature").asString()).startsWith("math_get-sum(a: number");
    assertThat(names(all.path("tools"), "name")).containsExactly("math_get-sum", "math_multiply");
    assertThat(names(narrowed.path("tools"), "name")).containsExactly("math_multiply");
    assertThat(budget.path("returned").asInt()).isEqualTo(1);
    assertThat(budget.path("omitted").get(0).asString()).isEqualTo("math_multiply");
    assertThat(budget.path("tokens_used").asInt()).isLessThanOrEqualTo(70);
  }

  @Test
  void listServersNamesTheServersAndTheirStateOnRequest() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode plain = structured(handler, "list_servers", Json.object()).path("servers");
    JsonNode detailed =
        structured(handler, "list_servers", Json.object().put("include_metadata", true))
            .path("servers");

    assertThat(names(plain, "name")).containsExactly("math", "text");
    assertThat(plain.get(1).has("state")).isFalse();
    assertThat(detailed.get(1).path("state").asString()).isEqualTo("ready");
    assertThat(detailed.get(1).path("transport").asString()).isEqualTo("stdio");
    assertThat(detailed.get(1).path("server_info").path("name").asString()).isEqualTo("text");
  }

  @Test
  void refreshRegistryReportsAddedAndRemovedToolsPerDomain() {
    McpHandler handler = start(EndpointMode.DISCOVERY);
    listTools(
        "text",
        tool("echo", "Echoes back the input string", "message", "Message to echo"),
        tool("upper", "Upper-cases a string", "text", "The text"));

    JsonNode report = structured(handler, "refresh_registry", Json.object());

    JsonNode text = report.path("domains").get(1);
    assertThat(text.path("name").asString()).isEqualTo("text");
    assertThat(text.path("added").get(0).asString()).isEqualTo("text_upper");
    assertThat(text.path("removed").get(0).asString()).isEqualTo("text_reverse");
    assertThat(report.path("domains").get(0).path("added")).isEmpty();
    assertThat(toolNames(handler)).containsExactlyElementsOf(META_TOOLS);
  }

  @Test
  void instructionsNameTheDomainsWithToolCountsAndTheWorkflow() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    String instructions =
        send(handler, McpMethods.INITIALIZE, Json.object(), new RecordingExchange("s1"))
            .result()
            .orElseThrow()
            .path("instructions")
            .asString();

    assertThat(instructions)
        .contains("- math (2 tools) — Arithmetic on numbers")
        .contains("- text (2 tools)")
        .contains("discover_tools()")
        .contains("execute_tool(name, arguments)");
  }

  @Test
  void configuredInstructionsAreNeverReplaced() {
    McpHandler handler =
        start(
            EndpointMode.DISCOVERY,
            new EndpointSettings("gatehouse", "1", Optional.of("Use the tools wisely."), 0));

    JsonNode result =
        send(handler, McpMethods.INITIALIZE, Json.object(), new RecordingExchange("s1"))
            .result()
            .orElseThrow();

    assertThat(result.path("instructions").asString()).isEqualTo("Use the tools wisely.");
  }

  @Test
  void aDiscoveryEndpointSendsNoToolsListChangedWhenOnlyTheCatalogChanged() {
    start(EndpointMode.FLAT);
    GatewayHandler discovery =
        new GatewayHandler(
            gateway.registry(),
            EndpointSettings.defaults(),
            e -> dev.gatehouse.policy.View.all(),
            DiscoverySettings.of(EndpointMode.DISCOVERY));
    GatewayHandler hybrid =
        new GatewayHandler(
            gateway.registry(),
            EndpointSettings.defaults(),
            e -> dev.gatehouse.policy.View.all(),
            DiscoverySettings.of(EndpointMode.HYBRID));
    RecordingExchange discoveryClient = new RecordingExchange("d");
    RecordingExchange hybridClient = new RecordingExchange("h");
    send(discovery, McpMethods.INITIALIZE, Json.object(), discoveryClient);
    send(hybrid, McpMethods.INITIALIZE, Json.object(), hybridClient);

    listTools("text", tool("echo", "Echoes back the input string", "message", "Message"));
    upstreams.get("text").send(Notification.of(McpMethods.TOOLS_LIST_CHANGED, null));

    // Listeners run in the order they registered: once the hybrid client heard of the change, the
    // discovery endpoint has had its turn.
    await()
        .until(() ->
            hybridClient.sent.stream()
                .anyMatch(n -> n.method().equals(McpMethods.TOOLS_LIST_CHANGED)));
    assertThat(discoveryClient.sent)
        .noneMatch(n -> n.method().equals(McpMethods.TOOLS_LIST_CHANGED));
  }

  @Test
  void aMetaToolCallWithBadArgumentsAnswersInvalidParams() {
    McpHandler handler = start(EndpointMode.DISCOVERY);

    JsonNode error = failure(handler, "search_tools", Json.object().put("query", 3));
    JsonNode missing = failure(handler, "execute_tool", Json.object());

    assertThat(error.path("code").asString()).isEqualTo("invalid_params");
    assertThat(error.path("message").asString()).contains("query");
    assertThat(missing.path("code").asString()).isEqualTo("invalid_params");
  }
}
