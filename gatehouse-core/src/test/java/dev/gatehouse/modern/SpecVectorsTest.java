package dev.gatehouse.modern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The specification's example messages as test vectors: the gateway reads every example request,
 * notification and response as the revision means it, and what it answers to the example requests
 * validates against the schema.
 */
class SpecVectorsTest {
  /** The method whose answer each example result type is. */
  private static final Map<String, String> RESULT_METHODS =
      Map.ofEntries(
          Map.entry("CallToolResult", McpMethods.TOOLS_CALL),
          Map.entry("CompleteResult", McpMethods.COMPLETION_COMPLETE),
          Map.entry("DiscoverResult", McpMethods.SERVER_DISCOVER),
          Map.entry("GetPromptResult", McpMethods.PROMPTS_GET),
          Map.entry("InputRequiredResult", McpMethods.TOOLS_CALL),
          Map.entry("ListPromptsResult", McpMethods.PROMPTS_LIST),
          Map.entry("ListResourceTemplatesResult", McpMethods.RESOURCES_TEMPLATES_LIST),
          Map.entry("ListResourcesResult", McpMethods.RESOURCES_LIST),
          Map.entry("ListToolsResult", McpMethods.TOOLS_LIST),
          Map.entry("ReadResourceResult", McpMethods.RESOURCES_READ),
          Map.entry("SubscriptionsListenResult", McpMethods.SUBSCRIPTIONS_LISTEN));

  private static final ObjectNode SERVER_INFO =
      Json.object().put("name", "gatehouse").put("version", "1.0.0");

  static List<SpecSchema.Example> requests() {
    return SpecSchema.examples().stream()
        .filter(e -> e.json().has("jsonrpc") && e.json().has("method") && e.json().has("id"))
        .toList();
  }

  static List<SpecSchema.Example> otherMessages() {
    return SpecSchema.examples().stream()
        .filter(e -> e.json().has("jsonrpc") && !(e.json().has("method") && e.json().has("id")))
        .toList();
  }

  static List<SpecSchema.Example> results() {
    return SpecSchema.examples().stream()
        .filter(e -> RESULT_METHODS.containsKey(e.type()))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void exampleRequestsClaimTheRevisionAndCarryAValidEnvelope(SpecSchema.Example example) {
    Request request = (Request) Message.of(example.json());

    assertThat(Envelope.isClaimedBy(request)).isTrue();
    Envelope envelope = Envelope.read(request, ProtocolVersion.STATELESS_ERA);
    assertThat(envelope.protocolVersion()).isEqualTo("2026-07-28");
    assertThat(envelope.clientInfo()).isPresent();
    assertThatCode(() -> McpHeaders.check(request, lookup(clientHeaders(request))))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void exampleRequestsWithAMismatchedHeaderAreRefusedWithAValidError(SpecSchema.Example example) {
    Request request = (Request) Message.of(example.json());
    Map<String, String> headers = clientHeaders(request);
    headers.put(McpHeaders.METHOD, "tools/other");

    GatewayException e =
        catchThrowableOfType(
            GatewayException.class, () -> McpHeaders.check(request, lookup(headers)));

    assertThat(e.code()).isEqualTo(ErrorCode.HEADER_MISMATCH);
    assertThat(SpecSchema.problems("HeaderMismatchError", Response.error(request.id(), e).json()))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherMessages")
  void exampleNotificationsAndResponsesParseAsSuch(SpecSchema.Example example) {
    Message message = Message.of(example.json());

    if (example.json().has("method")) {
      assertThat(message).isInstanceOf(Notification.class);
    } else {
      assertThat(message).isInstanceOf(Response.class);
      assertThat(((Response) message).isError()).isEqualTo(example.json().has("error"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("results")
  void exampleResultsStayValidThroughTheEraNeutralShapeAndBack(SpecSchema.Example example) {
    Response response = Response.result(IntNode.valueOf(7), example.json().deepCopy());
    boolean inputRequired = StatelessResults.isInputRequired(response);

    StatelessResults.neutral(response);
    JsonNode neutral = response.result().orElseThrow();
    assertThat(neutral.has("resultType")).isEqualTo(inputRequired);
    assertThat(neutral.path("_meta").has(MetaKeys.SERVER_INFO)).isFalse();

    StatelessResults.adapt(response, RESULT_METHODS.get(example.type()), Optional.of(SERVER_INFO));
    assertThat(SpecSchema.problems(example.type(), response.result().orElseThrow())).isEmpty();
    assertThat(SpecSchema.problems("JSONRPCResultResponse", response.json())).isEmpty();
  }

  @Test
  void theDiscoverExampleIsAnsweredWithAValidDiscoverResult() {
    Request request = exampleRequest("DiscoverRequest");
    DualEraHandler handler = DualEraHandler.of(new ScriptedCore(), java.time.Duration.ofMinutes(1));

    Response response = handler.handle(request, TransportExchange.of(request));

    assertThat(SpecSchema.problems("DiscoverResultResponse", response.json())).isEmpty();
    assertThat(response.result().orElseThrow().path("supportedVersions").valueStream())
        .extracting(JsonNode::asString)
        .contains("2026-07-28", "2025-11-25");
  }

  @Test
  void theListAndCallExamplesAreAnsweredWithValidResults() {
    ScriptedCore core = new ScriptedCore();
    Map<String, String> answers =
        Map.of(
            "ListToolsRequest", "ListToolsResult",
            "ListPromptsRequest", "ListPromptsResult",
            "ListResourcesRequest", "ListResourcesResult",
            "ListResourceTemplatesRequest", "ListResourceTemplatesResult",
            "CallToolRequest", "CallToolResult",
            "GetPromptRequest", "GetPromptResult",
            "ReadResourceRequest", "ReadResourceResult",
            "CompleteRequest", "CompleteResult");
    answers.forEach((requestType, resultType) -> {
      Request request = exampleRequest(requestType);
      core.result(request.method(), coreShaped(SpecSchema.examples(resultType).getFirst().json()));
    });
    DualEraHandler handler = DualEraHandler.of(core, java.time.Duration.ofMinutes(1));

    answers.forEach((requestType, resultType) -> {
      Request request = exampleRequest(requestType);
      Response response = handler.handle(request, TransportExchange.of(request));
      assertThat(SpecSchema.problems(resultType, response.result().orElseThrow()))
          .as(requestType)
          .isEmpty();
      assertThat(response.id()).isEqualTo(request.id());
    });
    // The core got the requests without the envelope: it serves both eras alike.
    assertThat(core.last(McpMethods.TOOLS_CALL).meta()).isEmpty();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theListenExampleIsAcknowledgedAndClosedWithValidMessages() throws Exception {
    Request request = exampleRequest("SubscriptionsListenRequest");
    ScriptedCore core = new ScriptedCore().result(McpMethods.RESOURCES_SUBSCRIBE, Json.object());
    core.result(McpMethods.RESOURCES_UNSUBSCRIBE, Json.object());
    DualEraHandler handler = DualEraHandler.of(core, java.time.Duration.ofMinutes(1));
    TransportExchange exchange = TransportExchange.of(request);
    java.util.concurrent.CompletableFuture<Response> answer =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> handler.handle(request, exchange));
    org.awaitility.Awaitility.await().until(() -> !exchange.sent.isEmpty());

    core.broadcast(Notification.of(McpMethods.TOOLS_LIST_CHANGED, null));
    core.broadcast(
        Notification.of(
            McpMethods.RESOURCES_UPDATED, Json.object().put("uri", "file:///project/config.json")));
    org.awaitility.Awaitility.await().until(() -> exchange.sent.size() == 3);
    exchange.close();
    Response closing = answer.get(20, TimeUnit.SECONDS);

    assertThat(
            SpecSchema.problems(
                "SubscriptionsAcknowledgedNotification", exchange.sent.getFirst().json()))
        .isEmpty();
    assertThat(SpecSchema.problems("ToolListChangedNotification", exchange.sent.get(1).json()))
        .isEmpty();
    assertThat(SpecSchema.problems("ResourceUpdatedNotification", exchange.sent.get(2).json()))
        .isEmpty();
    assertThat(SpecSchema.problems("SubscriptionsListenResultResponse", closing.json())).isEmpty();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anElicitationOfTheCoreBecomesAValidInputRequiredResultAndTheExampleResponseAnswersIt() {
    JsonNode elicit = SpecSchema.examples("ElicitRequest").getFirst().json();
    JsonNode elicitResult = SpecSchema.examples("ElicitResult").getFirst().json();
    ScriptedCore core =
        new ScriptedCore()
            .on(
                McpMethods.TOOLS_CALL,
                (call, exchange) -> {
                  Response answer =
                      exchange.request(
                          elicit.path("method").asString(),
                          (ObjectNode) elicit.get("params"),
                          java.time.Duration.ofSeconds(20));
                  ObjectNode result = Json.object();
                  result
                      .putArray("content")
                      .addObject()
                      .put("type", "text")
                      .put("text", Json.text(answer.result().orElseThrow()));
                  return Response.result(call.id(), result);
                });
    DualEraHandler handler = DualEraHandler.of(core, java.time.Duration.ofMinutes(1));
    Request first = withCapabilities(exampleRequest("CallToolRequest"), "elicitation");

    Response asked = handler.handle(first, TransportExchange.of(first));

    assertThat(SpecSchema.problems("InputRequiredResult", asked.result().orElseThrow())).isEmpty();
    ObjectNode retryParams = first.params().deepCopy();
    String key =
        asked.result().orElseThrow().path("inputRequests").propertyNames().iterator().next();
    retryParams.putObject("inputResponses").set(key, elicitResult);
    retryParams.set("requestState", asked.result().orElseThrow().get("requestState"));
    MetaKeys.metaIn(retryParams).setAll(exampleRequest("CallToolRequest").meta().orElseThrow());
    MetaKeys.metaIn(retryParams)
        .set(MetaKeys.CLIENT_CAPABILITIES, Json.object().set("elicitation", Json.object()));
    Request retry = Request.of(IntNode.valueOf(2), McpMethods.TOOLS_CALL, retryParams);

    Response done = handler.handle(retry, TransportExchange.of(retry));

    assertThat(SpecSchema.problems("CallToolResultResponse", done.json())).isEmpty();
    assertThat(done.id()).isEqualTo(IntNode.valueOf(2));
    assertThat(
            Json.parse(done.result().orElseThrow().path("content").get(0).path("text").asString()))
        .isEqualTo(elicitResult);
  }

  @Test
  void anUnsupportedVersionIsRefusedWithAValidError() {
    GatewayException e = Envelope.unsupported("1900-01-01", List.of("2026-07-28", "2025-11-25"));

    assertThat(
            SpecSchema.problems(
                "UnsupportedProtocolVersionError", Response.error(IntNode.valueOf(1), e).json()))
        .isEmpty();
  }

  /** An example result as the core produces it: no resultType, cache hints or server identity. */
  private static ObjectNode coreShaped(JsonNode result) {
    ObjectNode copy = (ObjectNode) result.deepCopy();
    copy.remove(List.of("resultType", "ttlMs", "cacheScope", "_meta"));
    return copy;
  }

  private static Request exampleRequest(String type) {
    return (Request) Message.of(SpecSchema.examples(type).getFirst().json().deepCopy());
  }

  private static Request withCapabilities(Request request, String capability) {
    MetaKeys.metaIn(request.params())
        .set(MetaKeys.CLIENT_CAPABILITIES, Json.object().set(capability, Json.object()));
    return request;
  }

  /** The headers a client mirrors from the body. */
  static Map<String, String> clientHeaders(Request request) {
    Map<String, String> headers = new HashMap<>();
    headers.put(
        McpHeaders.PROTOCOL_VERSION,
        MetaKeys.string(request.json().get("params"), MetaKeys.PROTOCOL_VERSION).orElseThrow());
    headers.put(McpHeaders.METHOD, request.method());
    McpHeaders.nameOf(request)
        .ifPresent(name -> headers.put(McpHeaders.NAME, McpHeaders.encode(name)));
    return headers;
  }

  static Function<String, Optional<String>> lookup(Map<String, String> headers) {
    return name ->
        headers.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(name))
            .map(Map.Entry::getValue)
            .findFirst();
  }
}
