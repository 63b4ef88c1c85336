package dev.gatehouse.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.Gateway;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.UpstreamConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

class GatewayHandlerTest {
  private final Map<String, FakeUpstream> upstreams = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private Gateway gateway;

  private Gateway gateway(EndpointSettings settings, UpstreamConfig... configs) {
    gateway =
        Gateway.builder()
            .upstreams(List.of(configs))
            .settings(settings)
            .connector(c -> upstreams.computeIfAbsent(c.name(), n -> new FakeUpstream(c)))
            .build()
            .start();
    return gateway;
  }

  private Gateway gateway(UpstreamConfig... configs) {
    return gateway(EndpointSettings.defaults(), configs);
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static UpstreamConfig server(String name) {
    return UpstreamConfig.stdio(name, "unused", List.of());
  }

  private Response send(String method, ObjectNode params, RecordingExchange exchange) {
    return gateway
        .handler()
        .handle(Request.of(IntNode.valueOf(ids.incrementAndGet()), method, params), exchange);
  }

  private Response send(String method, ObjectNode params) {
    return send(method, params, new RecordingExchange("s1"));
  }

  private List<String> toolNames() {
    Response response = send(McpMethods.TOOLS_LIST, Json.object());
    return response
        .result()
        .orElseThrow()
        .path("tools")
        .valueStream()
        .map(t -> t.path("name").asString())
        .toList();
  }

  private void ready(String... names) {
    for (String name : names) {
      upstreams.get(name).ready();
    }
  }

  @Test
  void listsEveryUpstreamsToolsUnderItsPrefix() {
    gateway(server("alpha"), server("beta").withPrefix(""));
    upstreams.get("alpha").tools("echo", "add");
    upstreams.get("beta").tools("search");
    ready("alpha", "beta");

    await().until(() -> toolNames().size() == 3);
    assertThat(toolNames()).containsExactly("alpha_echo", "alpha_add", "search");
  }

  @Test
  void aServerWithoutResourceTemplatesKeepsItsToolsAndOneThatFailsAListIsNotListed() {
    gateway(server("alpha"), server("beta"));
    upstreams.get("alpha").tools("echo");
    upstreams.get("alpha").refusals.put("resources/templates/list", -32601);
    upstreams.get("beta").tools("search");
    upstreams.get("beta").refusals.put("resources/templates/list", -32603);
    ready("alpha", "beta");

    await().until(() -> toolNames().contains("alpha_echo"));
    assertThat(toolNames()).containsExactly("alpha_echo");
  }

  @Test
  void callsReachTheOwningUpstreamUnderTheOriginalNameAndAnswerUnderTheClientsId() {
    gateway(server("alpha"), server("beta"));
    upstreams.get("alpha").tools("echo");
    upstreams.get("beta").tools("echo");
    upstreams
        .get("beta")
        .answer(
            McpMethods.TOOLS_CALL,
            (params, options) -> {
              ObjectNode result = Json.object();
              result.withArray("content").addObject().put("type", "text").put("text", "hi");
              result.put("x-unknown-field", 42);
              return result;
            });
    ready("alpha", "beta");
    await().until(() -> toolNames().size() == 2);

    ObjectNode params = Json.object().put("name", "beta_echo");
    params.putObject("arguments").put("message", "hi");
    params.putObject("_meta").put("progressToken", "p1");
    Request request = Request.of(IntNode.valueOf(77), McpMethods.TOOLS_CALL, params);
    Response response = gateway.handler().handle(request, new RecordingExchange("s1"));

    assertThat(response.id().intValue()).isEqualTo(77);
    assertThat(response.result().orElseThrow().path("x-unknown-field").intValue()).isEqualTo(42);
    FakeUpstream.Call call = upstreams.get("beta").calls.getLast();
    assertThat(call.params().path("name").asString()).isEqualTo("echo");
    assertThat(call.params().path("arguments").path("message").asString()).isEqualTo("hi");
    assertThat(call.params().path("_meta").path("progressToken").asString()).isEqualTo("p1");
    assertThat(upstreams.get("alpha").calls).noneMatch(c -> c.method().equals("tools/call"));
  }

  @Test
  void anUnknownToolIsAnInvalidParamsErrorWithAStableCode() {
    gateway(server("alpha"));
    Response response = send(McpMethods.TOOLS_CALL, Json.object().put("name", "nope"));

    ObjectNode error = response.error().orElseThrow();
    assertThat(error.path("code").intValue()).isEqualTo(-32602);
    assertThat(error.path("data").path("code").asString()).isEqualTo("tool_not_found");
  }

  @Test
  void aDownUpstreamLosesItsToolsAndCallsToItSayUnavailableWhileOthersWork() {
    gateway(server("alpha"), server("beta"));
    upstreams.get("alpha").tools("echo");
    upstreams.get("beta").tools("echo").answer(McpMethods.TOOLS_CALL, (p, o) -> Json.object());
    ready("alpha", "beta");
    await().until(() -> toolNames().size() == 2);

    upstreams.get("alpha").lose();

    assertThat(toolNames()).containsExactly("beta_echo");
    Response down = send(McpMethods.TOOLS_CALL, Json.object().put("name", "alpha_echo"));
    assertThat(down.error().orElseThrow().path("data").path("code").asString())
        .isEqualTo("SERVER_UNAVAILABLE");
    assertThat(send(McpMethods.TOOLS_CALL, Json.object().put("name", "beta_echo")).isError())
        .isFalse();
  }

  @Test
  void pagesTheMergedListWithOpaqueCursors() {
    gateway(
        new EndpointSettings("gatehouse", "test", Optional.empty(), 2),
        server("alpha"),
        server("beta"));
    upstreams.get("alpha").tools("a", "b", "c");
    upstreams.get("beta").tools("d", "e");
    ready("alpha", "beta");
    await().until(() -> gateway.catalog().tools().size() == 5);

    List<String> seen = new java.util.ArrayList<>();
    ObjectNode params = Json.object();
    for (int page = 0; page < 10; page++) {
      JsonNode result = send(McpMethods.TOOLS_LIST, params).result().orElseThrow();
      result.path("tools").forEach(t -> seen.add(t.path("name").asString()));
      if (!result.has("nextCursor")) {
        break;
      }
      params = Json.object().put("cursor", result.path("nextCursor").asString());
    }
    assertThat(seen).containsExactly("alpha_a", "alpha_b", "alpha_c", "beta_d", "beta_e");

    Response bad = send(McpMethods.TOOLS_LIST, Json.object().put("cursor", "garbage"));
    assertThat(bad.error().orElseThrow().path("code").intValue()).isEqualTo(-32602);
  }

  @Test
  void aSharedResourceUriIsQualifiedForTheSecondUpstreamAndBothStayReadable() {
    gateway(server("evs"), server("evh"));
    for (String name : List.of("evs", "evh")) {
      upstreams
          .get(name)
          .answer(
              McpMethods.RESOURCES_LIST,
              (p, o) -> {
                ObjectNode result = Json.object();
                result
                    .withArray("resources")
                    .addObject()
                    .put("uri", "demo://doc/1")
                    .put("name", "doc");
                return result;
              })
          .answer(
              McpMethods.RESOURCES_READ,
              (p, o) -> {
                ObjectNode result = Json.object();
                result
                    .withArray("contents")
                    .addObject()
                    .put("uri", p.path("uri").asString())
                    .put("text", "from " + name);
                return result;
              });
    }
    ready("evs", "evh");
    await().until(() -> gateway.catalog().resources().size() == 2);

    List<String> uris =
        send(McpMethods.RESOURCES_LIST, Json.object())
            .result()
            .orElseThrow()
            .path("resources")
            .valueStream()
            .map(r -> r.path("uri").asString())
            .toList();
    assertThat(uris).containsExactly("demo://doc/1", "evh+demo://doc/1");

    JsonNode first =
        send(McpMethods.RESOURCES_READ, Json.object().put("uri", "demo://doc/1"))
            .result()
            .orElseThrow();
    JsonNode second =
        send(McpMethods.RESOURCES_READ, Json.object().put("uri", "evh+demo://doc/1"))
            .result()
            .orElseThrow();
    assertThat(first.path("contents").get(0).path("text").asString()).isEqualTo("from evs");
    assertThat(second.path("contents").get(0).path("text").asString()).isEqualTo("from evh");
    assertThat(second.path("contents").get(0).path("uri").asString()).isEqualTo("evh+demo://doc/1");
    assertThat(upstreams.get("evh").calls.getLast().params().path("uri").asString())
        .isEqualTo("demo://doc/1");
  }

  @Test
  void anUpstreamListChangedRefreshesTheCatalogAndTellsClients() {
    gateway(server("alpha"));
    upstreams.get("alpha").tools("one");
    ready("alpha");
    RecordingExchange client = new RecordingExchange("s1");
    send(McpMethods.INITIALIZE, Json.object().put("protocolVersion", "2025-11-25"), client);
    await().until(() -> toolNames().size() == 1);

    upstreams.get("alpha").tools("one", "two");
    upstreams.get("alpha").send(Notification.of(McpMethods.TOOLS_LIST_CHANGED, null));

    await().until(() -> toolNames().size() == 2);
    await()
        .until(() ->
            client.sent.stream().anyMatch(n -> n.method().equals(McpMethods.TOOLS_LIST_CHANGED)));
  }

  @Test
  void aClientCancellationInterruptsTheForwardedCall() throws Exception {
    gateway(server("alpha"));
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
    upstreams
        .get("alpha")
        .tools("slow")
        .answer(
            McpMethods.TOOLS_CALL,
            (p, o) -> {
              started.countDown();
              try {
                Thread.sleep(Duration.ofMinutes(1));
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              return Json.object();
            });
    ready("alpha");
    await().until(() -> toolNames().size() == 1);

    RecordingExchange client = new RecordingExchange("s1");
    Thread call =
        Thread.ofVirtual()
            .start(() ->
                gateway
                    .handler()
                    .handle(
                        Request.of(
                            IntNode.valueOf(5),
                            McpMethods.TOOLS_CALL,
                            Json.object().put("name", "alpha_slow")),
                        client));
    started.await();
    ObjectNode cancel = Json.object().put("requestId", 5);
    gateway.handler().onNotification(Notification.of(McpMethods.CANCELLED, cancel), client);
    call.join(Duration.ofSeconds(10));

    assertThat(interrupted.get()).isTrue();
  }

  @Test
  void initializeNegotiatesTheVersionAndNamesTheServers() {
    gateway(server("alpha"));
    JsonNode result =
        send(McpMethods.INITIALIZE, Json.object().put("protocolVersion", "2025-06-18"))
            .result()
            .orElseThrow();
    assertThat(result.path("protocolVersion").asString()).isEqualTo("2025-06-18");
    assertThat(result.path("capabilities").has("tools")).isTrue();
    assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("gatehouse");

    JsonNode unknown =
        send(McpMethods.INITIALIZE, Json.object().put("protocolVersion", "1999-01-01"))
            .result()
            .orElseThrow();
    assertThat(unknown.path("protocolVersion").asString()).isEqualTo("2025-11-25");
  }

  @Test
  void anUnlistedNameGoesToTheUpstreamWhoseNamespaceItIsInAndThatUpstreamAnswers() {
    gateway(server("alpha"), server("bare").withPrefix(""));
    upstreams.get("alpha").tools("echo").answer(McpMethods.TOOLS_CALL, (p, o) -> Json.object());
    upstreams.get("bare").tools("x").answer(McpMethods.TOOLS_CALL, (p, o) -> Json.object());
    ready("alpha", "bare");
    await().until(() -> toolNames().size() == 2);

    assertThat(send(McpMethods.TOOLS_CALL, Json.object().put("name", "alpha_hidden")).isError())
        .isFalse();
    assertThat(upstreams.get("alpha").calls.getLast().params().path("name").asString())
        .isEqualTo("hidden");
    assertThat(send(McpMethods.TOOLS_CALL, Json.object().put("name", "whatever")).isError())
        .isFalse();
    assertThat(upstreams.get("bare").calls.getLast().params().path("name").asString())
        .isEqualTo("whatever");
  }

  @Test
  void aHiddenToolIsAbsentFromTheListAndAnsweredExactlyLikeAnUnknownOne() {
    gateway(server("alpha"));
    upstreams
        .get("alpha")
        .tools("echo", "add")
        .answer(McpMethods.TOOLS_CALL, (p, o) -> Json.object());
    ready("alpha");
    await().until(() -> toolNames().size() == 2);
    GatewayHandler restricted =
        new GatewayHandler(
            gateway.registry(),
            EndpointSettings.defaults(),
            e ->
                dev.gatehouse.policy.EndpointView.main(
                    Map.of(
                        "alpha", dev.gatehouse.policy.AllowDeny.of(List.of(), List.of("*echo*")))));
    RecordingExchange client = new RecordingExchange("s2");

    JsonNode listed =
        restricted
            .handle(Request.of(IntNode.valueOf(1), McpMethods.TOOLS_LIST, Json.object()), client)
            .result()
            .orElseThrow();
    assertThat(listed.path("tools").valueStream().map(t -> t.path("name").asString()))
        .containsExactly("alpha_add");

    Response hidden =
        restricted.handle(
            Request.of(
                IntNode.valueOf(2), McpMethods.TOOLS_CALL, Json.object().put("name", "alpha_echo")),
            client);
    Response unknown =
        restricted.handle(
            Request.of(
                IntNode.valueOf(2), McpMethods.TOOLS_CALL, Json.object().put("name", "alpha_nope")),
            client);
    assertThat(Json.text(hidden.json()).replace("alpha_echo", "X"))
        .isEqualTo(Json.text(unknown.json()).replace("alpha_nope", "X"));
    assertThat(upstreams.get("alpha").calls).noneMatch(c -> c.method().equals("tools/call"));
  }

  @Test
  void aListingThatFailsWhileTheUpstreamStaysReadyIsRetried() {
    gateway(server("alpha"));
    AtomicInteger attempts = new AtomicInteger();
    upstreams
        .get("alpha")
        .answer(
            McpMethods.TOOLS_LIST,
            (p, o) -> {
              if (attempts.incrementAndGet() == 1) {
                throw new dev.gatehouse.protocol.GatewayException(
                    dev.gatehouse.protocol.ErrorCode.TIMEOUT, "slow start");
              }
              ObjectNode result = Json.object();
              result.withArray("tools").addObject().put("name", "late");
              return result;
            });
    ready("alpha");

    await().atMost(Duration.ofSeconds(10)).until(() -> toolNames().equals(List.of("alpha_late")));
    assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anUnknownMethodIsMethodNotFound() {
    gateway(server("alpha"));
    assertThat(
            send("tools/frobnicate", Json.object()).error().orElseThrow().path("code").intValue())
        .isEqualTo(-32601);
  }
}
