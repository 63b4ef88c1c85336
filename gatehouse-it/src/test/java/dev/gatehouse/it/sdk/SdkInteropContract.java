package dev.gatehouse.it.sdk;

import static dev.gatehouse.it.sdk.SdkResults.errorCode;
import static dev.gatehouse.it.sdk.SdkResults.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.Daemon;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest.CompleteArgument;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an MCP Java SDK client must be able to do with an MCP Java SDK server when the gateway sits
 * between them. Each subclass runs it once with the upstream on one transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class SdkInteropContract {
  /** The upstream's name in the gateway config, hence the prefix of its tools and prompts. */
  static final String SERVER = "sdk";

  private static final Duration ARRIVAL_LIMIT = Duration.ofSeconds(30);
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private Daemon gateway;
  private SdkClient client;

  /** Starts the fixture upstream on this transport; returns its {@code mcpServers} entry. */
  abstract ObjectNode startUpstream() throws Exception;

  /** Stops what {@link #startUpstream()} started, if the gateway does not stop it itself. */
  abstract void stopUpstream() throws Exception;

  @BeforeAll
  final void startGateway() throws Exception {
    gateway = FixtureGateway.start(Map.of(SERVER, startUpstream()));
    FixtureGateway.awaitTools(gateway, exposed("echo"));
    client = SdkClient.connect(gateway.mcpUri());
  }

  @AfterAll
  final void stopAll() throws Exception {
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      try {
        if (gateway != null) {
          gateway.close();
        }
      } finally {
        stopUpstream();
      }
    }
  }

  /** The running gateway's MCP endpoint. */
  final URI gatewayUri() {
    return gateway.mcpUri();
  }

  /** The client the contract's tests share. */
  final SdkClient client() {
    return client;
  }

  static String exposed(String name) {
    return SERVER + "_" + name;
  }

  @Test
  void handshakeNamesTheGatewayAndItsCapabilities() {
    assertThat(client.sdk().getServerInfo().name()).isEqualTo("gatehouse");
    assertThat(client.sdk().getServerCapabilities().tools().listChanged()).isTrue();
    assertThat(client.sdk().getServerCapabilities().completions()).isNotNull();
    assertThat(client.sdk().ping()).isNotNull();
  }

  @Test
  void toolsAreListedUnderTheServerNameWithTheirDefinitionUnchanged() {
    List<Tool> tools = client.sdk().listTools().tools();

    assertThat(tools)
        .extracting(Tool::name)
        .contains(
            exposed("echo"),
            exposed("progress"),
            exposed("sample"),
            exposed("elicit"),
            exposed("slow"));
    Tool echo = tools.stream().filter(t -> t.name().equals(exposed("echo"))).findFirst().get();
    Tool declared = FixtureTools.echo();
    Tool expected =
        new Tool(
            exposed("echo"),
            declared.title(),
            declared.description(),
            declared.inputSchema(),
            declared.outputSchema(),
            declared.annotations(),
            declared.meta(),
            declared.icons());
    assertThat(asJson(echo)).isEqualTo(asJson(expected));
  }

  @Test
  void toolCallPassesArgumentsStructuredContentAndMetaUnchanged() {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("text", "héllo ✓ \"quoted\"");
    arguments.put("count", 42);
    arguments.put("ratio", 3.5);
    arguments.put("flags", List.of(true, false));
    arguments.put(
        "nested", Map.of("list", List.of(1, 2, Map.of("deep", "value")), "empty", Map.of()));
    Map<String, Object> meta = Map.of("dev.gatehouse.it/trace", "trace-1", "tags", List.of("a"));

    CallToolResult result =
        client
            .sdk()
            .callTool(
                CallToolRequest.builder(exposed("echo")).arguments(arguments).meta(meta).build());

    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(result.content()).containsExactly(TextContent.builder("héllo ✓ \"quoted\"").build());
    assertThat(result.structuredContent()).isEqualTo(arguments);
    assertThat(result.meta()).isEqualTo(Map.of("dev.gatehouse.it/echoed", true, "received", meta));
  }

  @Test
  void aLargeResultPassesThroughWhole() {
    // Over HTTP a result this large streams through the gateway unparsed (ADR 13); escapes,
    // multi-byte characters and line breaks inside it must come out as they went in.
    String text = "héllo ✓ \"quoted\" back\\slash {[brackets]}\n".repeat(8_000);
    Map<String, Object> arguments = Map.of("text", text);

    CallToolResult result =
        client
            .sdk()
            .callTool(CallToolRequest.builder(exposed("echo")).arguments(arguments).build());

    assertThat(result.content()).containsExactly(TextContent.builder(text).build());
    assertThat(result.structuredContent()).isEqualTo(arguments);
  }

  /** What the Java SDK's server says for any unknown tool, word for word. */
  private static final String UPSTREAMS_UNKNOWN_TOOL = "Unknown tool: invalid_tool_name";

  @Test
  void anUnknownToolInTheUpstreamsNamespaceIsAnsweredByTheUpstream() {
    // The gateway forwards a name in the upstream's namespace that it does not list, so the
    // upstream's own answer reaches the client, as it would without the gateway.
    assertThatThrownBy(() -> callTool("no_such_tool", Map.of()))
        .isInstanceOfSatisfying(
            McpError.class,
            e -> assertThat(e.getJsonRpcError().message()).isEqualTo(UPSTREAMS_UNKNOWN_TOOL));
  }

  @Test
  void anErrorResultOfAToolPassesUnchanged() {
    CallToolResult result = callTool("fail", Map.of());

    assertThat(result.isError()).isTrue();
    assertThat(result.content())
        .containsExactly(TextContent.builder("the tool failed on purpose").build());
  }

  @Test
  void aJsonRpcErrorOfTheUpstreamPassesUnchanged() {
    assertThatThrownBy(() -> callTool("fail", Map.of("rpc", true)))
        .isInstanceOfSatisfying(
            McpError.class,
            e -> {
              assertThat(e.getJsonRpcError().code()).isEqualTo(FixtureTools.FAILURE_CODE);
              assertThat(e.getJsonRpcError().message()).isEqualTo("the fixture failed on purpose");
              assertThat(e.getJsonRpcError().data())
                  .isEqualTo(Map.of("detail", "asked to fail", "attempt", 1));
            });
  }

  @Test
  void anUnknownResourceIsNotFound() {
    assertThatThrownBy(() ->
            client
                .sdk()
                .readResource(ReadResourceRequest.builder("fixture://no-such-thing").build()))
        .isInstanceOfSatisfying(
            McpError.class,
            e -> {
              // The only upstream serving resources answers for URIs it does not list.
              assertThat(e.getJsonRpcError().code()).isEqualTo(-32002);
              assertThat(e.getJsonRpcError().message()).isEqualTo("Resource not found");
            });
  }

  @Test
  void resourcesAreListedAndRead() {
    List<Resource> resources = client.sdk().listResources().resources();
    assertThat(resources)
        .filteredOn(r -> r.uri().equals(FixtureServer.GREETING_URI))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.name()).isEqualTo("greeting");
          assertThat(r.title()).isEqualTo("Greeting");
          assertThat(r.mimeType()).isEqualTo("text/plain");
        });

    ReadResourceResult read =
        client.sdk().readResource(ReadResourceRequest.builder(FixtureServer.GREETING_URI).build());

    assertThat(read.contents())
        .containsExactly(
            FixtureServer.contents(
                    FixtureServer.GREETING_URI, "text/plain", FixtureServer.GREETING_TEXT)
                .contents()
                .getFirst());
  }

  @Test
  void resourceTemplatesAreListedAndReadThrough() {
    List<ResourceTemplate> templates = client.sdk().listResourceTemplates().resourceTemplates();
    assertThat(templates)
        .extracting(ResourceTemplate::uriTemplate)
        .contains(FixtureServer.ITEM_TEMPLATE);

    String uri = FixtureServer.ITEM_PREFIX + "42";
    ReadResourceResult read = client.sdk().readResource(ReadResourceRequest.builder(uri).build());

    assertThat(read.contents())
        .containsExactly(
            FixtureServer.contents(uri, "application/json", "{\"id\":\"42\"}")
                .contents()
                .getFirst());
  }

  @Test
  void promptsAreListedAndRendered() {
    List<Prompt> prompts = client.sdk().listPrompts().prompts();
    assertThat(prompts)
        .filteredOn(p -> p.name().equals(exposed("greet")))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.description()).isEqualTo("Greets someone");
          assertThat(p.arguments())
              .containsExactly(
                  PromptArgument.builder("name")
                      .description("Who to greet")
                      .required(true)
                      .build());
        });

    GetPromptResult prompt =
        client
            .sdk()
            .getPrompt(
                GetPromptRequest.builder(exposed("greet"))
                    .arguments(Map.of("name", "Grace"))
                    .build());

    assertThat(prompt.description()).isEqualTo("A greeting");
    assertThat(prompt.messages())
        .singleElement()
        .satisfies(
            m -> assertThat(m.content()).isEqualTo(TextContent.builder("Hello, Grace!").build()));
  }

  @Test
  void promptArgumentsAreCompleted() {
    var completion =
        client
            .sdk()
            .completeCompletion(
                CompleteRequest.builder(
                        new PromptReference(exposed("greet")), new CompleteArgument("name", "A"))
                    .build())
            .completion();

    assertThat(completion.values()).containsExactly("Ada", "Alan");
    assertThat(completion.total()).isEqualTo(2);
  }

  @Test
  void progressOfACallReachesTheClientUnderItsOwnToken() {
    String token = "progress-" + UNIQUE.incrementAndGet();

    CallToolResult result =
        client
            .sdk()
            .callTool(
                CallToolRequest.builder(exposed("progress"))
                    .arguments(Map.of("steps", 3))
                    .progressToken(token)
                    .build());

    assertThat(text(result)).isEqualTo("done after 3 steps");
    await()
        .atMost(ARRIVAL_LIMIT)
        .until(() -> progressOnTheWire(token).size() == 3 && progressFor(token).size() == 3);
    assertThat(progressOnTheWire(token))
        .extracting(p -> p.get("progress"), p -> p.get("total"), p -> p.get("message"))
        .containsExactly(
            tuple(1.0, 3.0, "step 1"), tuple(2.0, 3.0, "step 2"), tuple(3.0, 3.0, "step 3"));
    // The SDK client calls its consumer on a thread pool: order is only known on the wire.
    assertThat(progressFor(token))
        .extracting(ProgressNotification::progress)
        .containsExactlyInAnyOrder(1.0, 2.0, 3.0);
  }

  @Test
  void samplingRequestedDuringACallIsAnsweredByTheClient() {
    CallToolResult result = callTool("sample", Map.of("prompt", "Name a colour"));

    assertThat(result.structuredContent())
        .isEqualTo(
            Map.of(
                "model",
                SdkClient.MODEL,
                "role",
                "ASSISTANT",
                "text",
                SdkClient.SAMPLE_PREFIX + "Name a colour"));
    CreateMessageRequest asked = client.samplingRequests().getLast();
    assertThat(asked.systemPrompt()).isEqualTo("You are the fixture's model");
    assertThat(asked.maxTokens()).isEqualTo(64);
    assertThat(asked.messages().getFirst().content())
        .isEqualTo(TextContent.builder("Name a colour").build());
  }

  @Test
  void elicitationRequestedDuringACallIsAnsweredByTheClient() {
    CallToolResult result = callTool("elicit", Map.of());

    assertThat(result.structuredContent())
        .isEqualTo(Map.of("action", "ACCEPT", "content", Map.of("name", SdkClient.ELICITED_NAME)));
    ElicitFormRequest asked = client.elicitations().getLast();
    assertThat(asked.message()).isEqualTo("What is your name?");
    assertThat(asked.requestedSchema()).containsEntry("required", List.of("name"));
  }

  @Test
  void cancellingACallEndsItAndReachesTheUpstream() throws Exception {
    String token = "slow-" + UNIQUE.incrementAndGet();
    int cancelledBefore = cancellationsSeenUpstream().size();
    CompletableFuture<CallToolResult> call;
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      call =
          CompletableFuture.supplyAsync(
              () ->
                  client
                      .sdk()
                      .callTool(
                          CallToolRequest.builder(exposed("slow"))
                              .arguments(Map.of())
                              .progressToken(token)
                              .build()),
              executor);
      // The upstream reports progress once the call runs there; cancel only then.
      await().atMost(ARRIVAL_LIMIT).until(() -> !progressFor(token).isEmpty());
      Object id = client.transport().toolCallId(exposed("slow")).orElseThrow();

      client.transport().cancel(id, "the user gave up");

      assertThatThrownBy(call::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              McpError.class, e -> assertThat(errorCode(e)).contains("cancelled"));
    }
    await().atMost(ARRIVAL_LIMIT).until(() -> cancellationsSeenUpstream().size() > cancelledBefore);
    assertThat(cancellationsSeenUpstream().getLast())
        .containsEntry("reason", "cancelled by the client");
  }

  @Test
  void aToolAddedUpstreamIsAnnouncedToTheClient() {
    String name = "added_" + UNIQUE.incrementAndGet();

    callTool("add_tool", Map.of("name", name));

    await()
        .atMost(ARRIVAL_LIMIT)
        .until(() ->
            client.toolListChanges().stream()
                .flatMap(List::stream)
                .anyMatch(t -> t.name().equals(exposed(name))));
    assertThat(text(callTool(name, Map.of()))).isEqualTo("I am " + name);
  }

  private CallToolResult callTool(String name, Map<String, Object> arguments) {
    return client
        .sdk()
        .callTool(CallToolRequest.builder(exposed(name)).arguments(arguments).build());
  }

  private List<Map<?, ?>> progressOnTheWire(String token) {
    return client.transport().receivedParams("notifications/progress").stream()
        .filter(p -> token.equals(p.get("progressToken")))
        .toList();
  }

  private List<ProgressNotification> progressFor(String token) {
    return client.progress().stream().filter(p -> token.equals(p.progressToken())).toList();
  }

  /** The params of every {@code notifications/cancelled} the upstream received, oldest first. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> cancellationsSeenUpstream() {
    CallToolResult seen = callTool("notifications_seen", Map.of());
    List<Map<String, Object>> all =
        (List<Map<String, Object>>)
            ((Map<String, Object>) seen.structuredContent()).get("notifications");
    return all.stream()
        .filter(n -> FixtureTools.CANCELLED.equals(n.get("method")))
        .map(n -> (Map<String, Object>) n.get("params"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asJson(Object value) {
    return FixtureTools.JSON.convertValue(value, Map.class);
  }
}
