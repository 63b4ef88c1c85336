package dev.gatehouse.modern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DualEraHandlerTest {
  private final ScriptedCore core = new ScriptedCore();
  private final DualEraHandler handler = DualEraHandler.of(core, Duration.ofMinutes(5));
  private int ids;

  @Test
  void sessionEraMessagesPassStraightThrough() {
    core.result(McpMethods.TOOLS_LIST, Json.object().set("tools", Json.array()));
    Request request = Request.of(IntNode.valueOf(1), McpMethods.TOOLS_LIST, Json.object());
    SessionExchange exchange = new SessionExchange();

    Response response = handler.handle(request, exchange);

    assertThat(response.result().orElseThrow().has("resultType")).isFalse();
    assertThat(core.last(McpMethods.TOOLS_LIST)).isSameAs(request);
    assertThat(handler.protocolVersions()).startsWith("2026-07-28").contains("2025-11-25");
  }

  @Test
  void methodsTheRevisionRemovedAreUnknown() {
    for (String method :
        List.of(
            McpMethods.INITIALIZE,
            McpMethods.PING,
            McpMethods.LOGGING_SET_LEVEL,
            McpMethods.RESOURCES_SUBSCRIBE)) {
      Response response = call(stateless(method, Json.object(), Json.object()));
      assertThat(response.error().orElseThrow().path("code").asInt())
          .as(method)
          .isEqualTo(JsonRpcCodes.METHOD_NOT_FOUND);
    }
    assertThat(core.received).isEmpty();
  }

  @Test
  void resultsGetResultTypeServerInfoAndCacheHintsAndErrorsTheirNewNumbers() {
    core.result(McpMethods.TOOLS_LIST, Json.object().set("tools", Json.array()));
    core.on(
        McpMethods.RESOURCES_READ,
        (request, exchange) ->
            Response.error(
                request.id(),
                new GatewayException(ErrorCode.RESOURCE_NOT_FOUND, "Resource not found")));

    JsonNode list = call(stateless(McpMethods.TOOLS_LIST, Json.object(), Json.object())).json();
    JsonNode read =
        call(stateless(McpMethods.RESOURCES_READ, Json.object().put("uri", "x:y"), Json.object()))
            .json();

    assertThat(list.path("result").path("resultType").asString()).isEqualTo("complete");
    assertThat(list.path("result").path("ttlMs").asLong(-1)).isZero();
    assertThat(list.path("result").path("cacheScope").asString()).isEqualTo("private");
    assertThat(list.path("result").path("_meta").path(MetaKeys.SERVER_INFO).path("name").asString())
        .isEqualTo("core");
    assertThat(read.path("error").path("code").asInt()).isEqualTo(JsonRpcCodes.INVALID_PARAMS);
  }

  @Test
  void logMessagesReachOnlyRequestsThatAskedAtOrAboveTheirLevel() {
    core.on(
        McpMethods.COMPLETION_COMPLETE,
        (request, exchange) -> {
          for (String level : List.of("debug", "info", "warning", "error")) {
            exchange.notify(Notification.of(McpMethods.MESSAGE, Json.object().put("level", level)));
          }
          exchange.notify(
              Notification.of(McpMethods.PROGRESS, Json.object().put("progressToken", 1)));
          return Response.result(request.id(), Json.object());
        });
    Request quiet = stateless(McpMethods.COMPLETION_COMPLETE, Json.object(), Json.object());
    Request chatty = stateless(McpMethods.COMPLETION_COMPLETE, Json.object(), Json.object());
    MetaKeys.metaIn(chatty.params()).put(MetaKeys.LOG_LEVEL, "warning");
    TransportExchange quietExchange = TransportExchange.of(quiet);
    TransportExchange chattyExchange = TransportExchange.of(chatty);

    handler.handle(quiet, quietExchange);
    handler.handle(chatty, chattyExchange);

    assertThat(quietExchange.sent)
        .extracting(Notification::method)
        .containsExactly(McpMethods.PROGRESS);
    assertThat(chattyExchange.sent)
        .extracting(n -> n.params().path("level").asString(n.method()))
        .containsExactly("warning", "error", McpMethods.PROGRESS);
  }

  @Test
  void anInputRequestOfTheCoreIsAskedOnTheAnswerAndTheRetryContinuesTheSameCall() {
    AtomicReference<Thread> callThread = new AtomicReference<>();
    core.on(
        McpMethods.TOOLS_CALL,
        (request, exchange) -> {
          callThread.set(Thread.currentThread());
          Response name =
              exchange.request(
                  McpMethods.ELICITATION_CREATE, elicit("Name?"), Duration.ofSeconds(30));
          Response model =
              exchange.request(
                  McpMethods.SAMPLING_CREATE_MESSAGE, Json.object(), Duration.ofSeconds(30));
          return text(
              request,
              name.result().orElseThrow().path("content").path("name").asString()
                  + "/"
                  + model.result().orElseThrow().path("model").asString());
        });
    ObjectNode caps = Json.object();
    caps.putObject("elicitation");
    caps.putObject("sampling");

    Response first = call(stateless(McpMethods.TOOLS_CALL, tool("greet"), caps));
    JsonNode asked = first.result().orElseThrow();
    assertThat(asked.path("resultType").asString()).isEqualTo("input_required");
    assertThat(asked.path("inputRequests").path("input-1").path("method").asString())
        .isEqualTo(McpMethods.ELICITATION_CREATE);
    assertThat(handler.parkedCalls()).isEqualTo(1);

    Response second =
        call(retry(tool("greet"), caps, asked, Map.of("input-1", elicitAccept("Ada"))));
    JsonNode askedAgain = second.result().orElseThrow();
    assertThat(askedAgain.path("inputRequests").propertyNames()).containsExactly("input-2");
    assertThat(askedAgain.path("requestState").asString())
        .isNotEqualTo(asked.path("requestState").asString());

    Response done =
        call(
            retry(
                tool("greet"),
                caps,
                askedAgain,
                Map.of("input-2", Json.object().put("model", "m").put("role", "assistant"))));
    assertThat(done.result().orElseThrow().path("content").get(0).path("text").asString())
        .isEqualTo("Ada/m");
    assertThat(core.received).filteredOn(r -> r.method().equals(McpMethods.TOOLS_CALL)).hasSize(1);
    assertThat(handler.parkedCalls()).isZero();
  }

  @Test
  void anUnansweredInputRequestIsAskedAgain() {
    core.on(
        McpMethods.TOOLS_CALL,
        (request, exchange) -> {
          Response name =
              exchange.request(
                  McpMethods.ELICITATION_CREATE, elicit("Name?"), Duration.ofSeconds(30));
          return text(request, name.result().orElseThrow().path("content").path("name").asString());
        });
    ObjectNode caps = Json.object().set("elicitation", Json.object());

    JsonNode asked =
        call(stateless(McpMethods.TOOLS_CALL, tool("greet"), caps)).result().orElseThrow();
    JsonNode again =
        call(retry(tool("greet"), caps, asked, Map.of("unrelated", elicitAccept("x"))))
            .result()
            .orElseThrow();

    assertThat(again.path("resultType").asString()).isEqualTo("input_required");
    assertThat(again.path("inputRequests").propertyNames()).containsExactly("input-1");
  }

  @Test
  void aClientWithoutTheCapabilityIsNotAskedAndTheCoreHearsWhy() {
    AtomicReference<GatewayException> refused = new AtomicReference<>();
    core.on(
        McpMethods.TOOLS_CALL,
        (request, exchange) -> {
          try {
            exchange.request(
                McpMethods.ELICITATION_CREATE, elicit("Name?"), Duration.ofSeconds(30));
          } catch (GatewayException e) {
            refused.set(e);
          }
          return text(request, "went on");
        });

    Response response = call(stateless(McpMethods.TOOLS_CALL, tool("greet"), Json.object()));

    assertThat(response.result().orElseThrow().path("resultType").asString()).isEqualTo("complete");
    assertThat(refused.get().code()).isEqualTo(ErrorCode.CAPABILITY_NOT_SUPPORTED);
  }

  @Test
  void aRequestStateIsHonouredOnlyForTheSameRequestAndOnlyOnce() {
    core.on(
        McpMethods.TOOLS_CALL,
        (request, exchange) -> {
          exchange.request(McpMethods.ELICITATION_CREATE, elicit("Name?"), Duration.ofSeconds(30));
          return text(request, "done");
        });
    ObjectNode caps = Json.object().set("elicitation", Json.object());
    JsonNode asked =
        call(stateless(McpMethods.TOOLS_CALL, tool("greet"), caps)).result().orElseThrow();

    Response otherTool = call(retry(tool("other"), caps, asked, Map.of()));
    Response replay = call(retry(tool("greet"), caps, asked, Map.of("input-1", elicitAccept("x"))));

    assertThat(otherTool.error().orElseThrow().path("code").asInt())
        .isEqualTo(JsonRpcCodes.INVALID_PARAMS);
    assertThat(replay.error().orElseThrow().path("code").asInt())
        .isEqualTo(JsonRpcCodes.INVALID_PARAMS);
  }

  @Test
  void anUpstreamsOwnRequestStateAndInputResponsesReachTheCoreUnchanged() {
    core.on(McpMethods.TOOLS_CALL, (request, exchange) -> text(request, "ok"));
    ObjectNode params = tool("greet");
    params.put("requestState", "upstream-state");
    params.putObject("inputResponses").set("k", elicitAccept("Ada"));

    call(stateless(McpMethods.TOOLS_CALL, params, Json.object()));

    ObjectNode received = core.last(McpMethods.TOOLS_CALL).params();
    assertThat(received.path("requestState").asString()).isEqualTo("upstream-state");
    assertThat(received.path("inputResponses").path("k")).isEqualTo(elicitAccept("Ada"));
    assertThat(received.has("_meta")).isFalse();
  }

  @Test
  void progressDuringLaterRoundsCarriesTheTokenOfTheRequestWaitingNow() {
    core.on(
        McpMethods.TOOLS_CALL,
        (request, exchange) -> {
          exchange.request(McpMethods.ELICITATION_CREATE, elicit("Name?"), Duration.ofSeconds(30));
          exchange.notify(
              Notification.of(
                  McpMethods.PROGRESS,
                  Json.object().put("progressToken", "first").put("progress", 1)));
          return text(request, "done");
        });
    ObjectNode caps = Json.object().set("elicitation", Json.object());
    ObjectNode firstParams = tool("greet");
    firstParams.putObject("_meta").put("progressToken", "first");
    JsonNode asked =
        call(stateless(McpMethods.TOOLS_CALL, firstParams, caps)).result().orElseThrow();
    Request retry = retry(tool("greet"), caps, asked, Map.of("input-1", elicitAccept("x")));
    MetaKeys.metaIn(retry.params()).put("progressToken", "second");
    TransportExchange exchange = TransportExchange.of(retry);

    handler.handle(retry, exchange);

    assertThat(exchange.sent).hasSize(1);
    assertThat(exchange.sent.getFirst().params().path("progressToken").asString())
        .isEqualTo("second");
  }

  @Test
  void closingTheStreamCancelsTheCallInTheCore() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    core.on(
        McpMethods.TOOLS_CALL,
        (request, exchange) -> {
          started.countDown();
          try {
            Thread.sleep(Duration.ofMinutes(1));
            return text(request, "finished");
          } catch (InterruptedException e) {
            return Response.error(
                request.id(), new GatewayException(ErrorCode.CANCELLED, "cancelled"));
          }
        });
    Request request = stateless(McpMethods.TOOLS_CALL, tool("slow"), Json.object());
    TransportExchange exchange = TransportExchange.of(request);
    CompletableFuture<Response> answer =
        CompletableFuture.supplyAsync(() -> handler.handle(request, exchange));
    started.await();

    exchange.close();

    assertThat(answer.get(30, TimeUnit.SECONDS).error().orElseThrow().path("message").asString())
        .isEqualTo("cancelled");
  }

  @Test
  void aListenStreamCarriesOnlyTheOptedInChangesTaggedWithItsId() throws Exception {
    core.result(McpMethods.RESOURCES_SUBSCRIBE, Json.object());
    core.result(McpMethods.RESOURCES_UNSUBSCRIBE, Json.object());
    ObjectNode filter = Json.object().put("toolsListChanged", true);
    filter.putArray("resourceSubscriptions").add("file:///a");
    Request listen =
        stateless(
            McpMethods.SUBSCRIPTIONS_LISTEN,
            Json.object().set("notifications", filter),
            Json.object());
    TransportExchange exchange = TransportExchange.of(listen);
    CompletableFuture<Response> answer =
        CompletableFuture.supplyAsync(() -> handler.handle(listen, exchange));
    await().until(() -> exchange.sent.size() == 1);

    core.broadcast(Notification.of(McpMethods.PROMPTS_LIST_CHANGED, null));
    core.broadcast(Notification.of(McpMethods.MESSAGE, Json.object().put("level", "error")));
    core.broadcast(
        Notification.of(McpMethods.RESOURCES_UPDATED, Json.object().put("uri", "file:///b")));
    core.broadcast(
        Notification.of(McpMethods.RESOURCES_UPDATED, Json.object().put("uri", "file:///a")));
    core.broadcast(Notification.of(McpMethods.TOOLS_LIST_CHANGED, null));
    await().until(() -> exchange.sent.size() == 3);
    DownstreamSession stream = core.sessions.iterator().next();
    exchange.close();
    Response closing = answer.get(30, TimeUnit.SECONDS);

    assertThat(exchange.sent)
        .extracting(Notification::method)
        .containsExactly(
            McpMethods.SUBSCRIPTIONS_ACKNOWLEDGED,
            McpMethods.RESOURCES_UPDATED,
            McpMethods.TOOLS_LIST_CHANGED);
    assertThat(exchange.sent)
        .allSatisfy(n ->
            assertThat(n.params().path("_meta").path(MetaKeys.SUBSCRIPTION_ID))
                .isEqualTo(listen.id()));
    assertThat(closing.result().orElseThrow().path("_meta").path(MetaKeys.SUBSCRIPTION_ID))
        .isEqualTo(listen.id());
    assertThat(core.last(McpMethods.RESOURCES_UNSUBSCRIBE).params().path("uri").asString())
        .isEqualTo("file:///a");
    assertThat(core.closed).contains(stream);
  }

  @Test
  void subscriptionsTheCoreRefusesAreLeftOutOfTheAcknowledgment() throws Exception {
    ObjectNode filter = Json.object().put("promptsListChanged", true);
    filter.putArray("resourceSubscriptions").add("file:///unknown");
    Request listen =
        stateless(
            McpMethods.SUBSCRIPTIONS_LISTEN,
            Json.object().set("notifications", filter),
            Json.object());
    TransportExchange exchange = TransportExchange.of(listen);
    CompletableFuture<Response> answer =
        CompletableFuture.supplyAsync(() -> handler.handle(listen, exchange));
    await().until(() -> exchange.sent.size() == 1);

    handler.onNotification(
        Notification.of(McpMethods.CANCELLED, Json.object().set("requestId", listen.id())),
        exchange);
    answer.get(30, TimeUnit.SECONDS);

    JsonNode acknowledged = exchange.sent.getFirst().params().path("notifications");
    assertThat(acknowledged.path("promptsListChanged").asBoolean()).isTrue();
    assertThat(acknowledged.path("resourceSubscriptions")).isEmpty();
  }

  private Response call(Request request) {
    return handler.handle(request, TransportExchange.of(request));
  }

  private Request stateless(String method, ObjectNode params, ObjectNode capabilities) {
    ObjectNode copy = params.deepCopy();
    ObjectNode meta = MetaKeys.metaIn(copy);
    meta.put(MetaKeys.PROTOCOL_VERSION, "2026-07-28");
    meta.set(MetaKeys.CLIENT_CAPABILITIES, capabilities);
    meta.set(MetaKeys.CLIENT_INFO, Json.object().put("name", "test").put("version", "1"));
    return Request.of(StringNode.valueOf("r" + ++ids), method, copy);
  }

  private Request retry(
      ObjectNode params, ObjectNode caps, JsonNode asked, Map<String, JsonNode> answers) {
    ObjectNode copy = params.deepCopy();
    ObjectNode responses = copy.putObject("inputResponses");
    answers.forEach(responses::set);
    copy.set("requestState", asked.get("requestState"));
    return stateless(McpMethods.TOOLS_CALL, copy, caps);
  }

  private static ObjectNode tool(String name) {
    return Json.object().put("name", name).set("arguments", Json.object());
  }

  private static ObjectNode elicit(String message) {
    ObjectNode params = Json.object().put("mode", "form").put("message", message);
    params.putObject("requestedSchema").put("type", "object");
    return params;
  }

  private static ObjectNode elicitAccept(String name) {
    ObjectNode result = Json.object().put("action", "accept");
    result.putObject("content").put("name", name);
    return result;
  }

  private static Response text(Request request, String text) {
    ObjectNode result = Json.object();
    result.putArray("content").addObject().put("type", "text").put("text", text);
    return Response.result(request.id(), result);
  }

  /** A session-era client's exchange. */
  private static final class SessionExchange implements Exchange, DownstreamSession {
    @Override
    public Optional<DownstreamSession> session() {
      return Optional.of(this);
    }

    @Override
    public String id() {
      return "s";
    }

    @Override
    public String protocolVersion() {
      return "2025-11-25";
    }

    @Override
    public ObjectNode clientCapabilities() {
      return Json.object();
    }

    @Override
    public ObjectNode clientInfo() {
      return Json.object();
    }

    @Override
    public java.util.concurrent.ConcurrentMap<String, Object> attributes() {
      return new java.util.concurrent.ConcurrentHashMap<>();
    }

    @Override
    public Optional<String> header(String name) {
      return Optional.empty();
    }

    @Override
    public void notify(Notification notification) {}

    @Override
    public Response request(String method, ObjectNode params, Duration timeout) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isOpen() {
      return true;
    }
  }
}
