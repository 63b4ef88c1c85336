package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TestServerTest {

  private static TestServerBuilder echoServer() {
    return TestServer.builder()
        .serverInfo("echo", "1.2.3")
        .tool(
            "echo",
            "Echoes its text",
            Schema.requiredStrings("text"),
            (args, ctx) -> Content.textResult(args.path("text").asString()));
  }

  private static ObjectNode params(String json) {
    return (ObjectNode) Json.parse(json);
  }

  @Test
  void initializeAnswersTheClientsVersionWhenSpokenAndTheLatestOtherwise() {
    TestServer server = echoServer().instructions("be nice").build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);

    JsonNode known =
        client.result(
            "initialize", params("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}"));
    JsonNode unknown =
        client.result(
            "initialize", params("{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{}}"));

    assertThat(known.get("protocolVersion").asString()).isEqualTo("2025-06-18");
    assertThat(unknown.get("protocolVersion").asString()).isEqualTo("2025-11-25");
    assertThat(known.at("/serverInfo/name").asString()).isEqualTo("echo");
    assertThat(known.get("instructions").asString()).isEqualTo("be nice");
    assertThat(known.at("/capabilities/tools/listChanged").asBoolean()).isTrue();
    assertThat(known.at("/capabilities/logging").isObject()).isTrue();
    assertThat(known.has("capabilities") && !known.get("capabilities").has("prompts")).isTrue();
  }

  @Test
  void serverInfoAndCapabilitiesAreSentExactlyAsGiven() {
    ObjectNode info =
        params("{\"name\":\"x\",\"version\":\"1\",\"icons\":[{\"src\":\"a.png\"}],\"x-extra\":7}");
    ObjectNode caps = params("{\"experimental\":{\"y\":{}},\"tools\":{}}");
    TestServer server = TestServer.builder().serverInfo(info).capabilities(caps).build();

    JsonNode result = HandlerClient.withAllCapabilities(server).initialize().result().orElseThrow();

    assertThat(result.get("serverInfo")).isEqualTo(info);
    assertThat(result.get("capabilities")).isEqualTo(caps);
  }

  @Test
  void pingAnswersAnEmptyObject() {
    HandlerClient client = HandlerClient.withAllCapabilities(echoServer().build());
    assertThat(client.result("ping", null)).isEqualTo(Json.object());
  }

  @Test
  void listsArePagedWithOpaqueCursors() {
    TestServerBuilder builder = TestServer.builder().pageSize(2);
    for (int i = 0; i < 5; i++) {
      builder.tool("t" + i, "tool " + i, Schema.empty(), (args, ctx) -> Content.textResult(""));
    }
    HandlerClient client = HandlerClient.withAllCapabilities(builder.build());

    List<String> names = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    ObjectNode request = Json.object();
    while (true) {
      JsonNode page = client.result("tools/list", request.deepCopy());
      page.get("tools").forEach(t -> names.add(t.get("name").asString()));
      if (!page.has("nextCursor")) {
        break;
      }
      cursors.add(page.get("nextCursor").asString());
      request.put("cursor", page.get("nextCursor").asString());
    }

    assertThat(names).containsExactly("t0", "t1", "t2", "t3", "t4");
    assertThat(cursors).hasSize(2).doesNotContain("2", "4");
  }

  @Test
  void aCursorTheServerDidNotIssueIsInvalidParams() {
    HandlerClient client = HandlerClient.withAllCapabilities(echoServer().pageSize(1).build());

    Response response = client.call("tools/list", params("{\"cursor\":\"bm9wZQ\"}"));

    assertThat(response.error().orElseThrow().get("code").asInt()).isEqualTo(-32602);
  }

  @Test
  void toolDescriptorsAndResultsPassThroughUnchanged() {
    ObjectNode descriptor =
        params(
            "{\"name\":\"rich\",\"description\":\"d\",\"inputSchema\":{\"type\":\"object\"},"
                + "\"outputSchema\":{\"type\":\"object\"},\"annotations\":{\"readOnlyHint\":true},"
                + "\"icons\":[{\"src\":\"https://example.com/i.png\"}],\"_meta\":{\"k\":1},\"x-unknown\":[1,2]}");
    ObjectNode result =
        params(
            "{\"content\":[{\"type\":\"text\",\"text\":\"t\",\"annotations\":{\"priority\":1},\"x\":true},"
                + "{\"type\":\"future-block\",\"payload\":{}}],"
                + "\"structuredContent\":{\"a\":1},\"_meta\":{\"trace\":\"z\"},\"x-extra\":null}");
    TestServer server =
        TestServer.builder().tool(descriptor, (args, ctx) -> result.deepCopy()).build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);

    JsonNode listed = client.result("tools/list", null).get("tools").get(0);
    JsonNode called = client.callTool("rich", Map.of());

    assertThat(listed).isEqualTo(descriptor);
    assertThat(called).isEqualTo(result);
  }

  @Test
  void unknownToolsAndMethodsAreProtocolErrors() {
    HandlerClient client = HandlerClient.withAllCapabilities(echoServer().build());

    Response unknownTool = client.call("tools/call", params("{\"name\":\"nope\"}"));
    Response unknownMethod = client.call("frobnicate", null);
    Response noPrompts = client.call("prompts/get", params("{\"name\":\"p\"}"));

    assertThat(unknownTool.error().orElseThrow().get("code").asInt()).isEqualTo(-32602);
    assertThat(unknownMethod.error().orElseThrow().get("code").asInt()).isEqualTo(-32601);
    assertThat(noPrompts.error().orElseThrow().get("code").asInt()).isEqualTo(-32602);
  }

  @Test
  void aFailingToolAnswersAToolErrorResult() {
    TestServer server =
        TestServer.builder()
            .tool(
                "boom",
                "fails",
                Schema.empty(),
                (args, ctx) -> {
                  throw new IllegalStateException("disk on fire");
                })
            .build();

    JsonNode result = HandlerClient.withAllCapabilities(server).callTool("boom", Map.of());

    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asString()).isEqualTo("disk on fire");
  }

  @Test
  void progressIsSentOnlyForRequestsWithAToken() {
    TestServer server =
        TestServer.builder()
            .tool(
                "work",
                "reports progress",
                Schema.empty(),
                (args, ctx) -> Content.textResult(Boolean.toString(ctx.progress(1, 2, "half"))))
            .build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);

    JsonNode without = client.result("tools/call", params("{\"name\":\"work\"}"));
    JsonNode with =
        client.result(
            "tools/call", params("{\"name\":\"work\",\"_meta\":{\"progressToken\":\"tok-1\"}}"));

    assertThat(without.at("/content/0/text").asString()).isEqualTo("false");
    assertThat(with.at("/content/0/text").asString()).isEqualTo("true");
    assertThat(client.notifications).hasSize(1);
    Notification progress = client.notifications.get(0);
    assertThat(progress.method()).isEqualTo("notifications/progress");
    assertThat(progress.params().get("progressToken").asString()).isEqualTo("tok-1");
    assertThat(progress.params().get("progress").asDouble()).isEqualTo(1.0);
    assertThat(progress.params().get("total").asDouble()).isEqualTo(2.0);
    assertThat(progress.params().get("message").asString()).isEqualTo("half");
  }

  @Test
  void logMessagesBelowTheSessionsLevelAreNotSent() {
    TestServer server =
        TestServer.builder()
            .tool(
                "chatty",
                "logs",
                Schema.empty(),
                (args, ctx) -> {
                  ctx.log(LogLevel.DEBUG, "debug line");
                  ctx.log(LogLevel.ERROR, "error line");
                  return Content.textResult("ok");
                })
            .build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);
    client.initialize();

    client.result("logging/setLevel", params("{\"level\":\"warning\"}"));
    client.callTool("chatty", Map.of());

    assertThat(client.notifications)
        .extracting(n -> n.params().get("data").asString())
        .containsExactly("error line");
    assertThat(client.notifications.get(0).params().get("level").asString()).isEqualTo("error");
    Response invalid = client.call("logging/setLevel", params("{\"level\":\"loud\"}"));
    assertThat(invalid.error().orElseThrow().get("code").asInt()).isEqualTo(-32602);
  }

  @Test
  void handlersAskTheClientThroughTheExchange() {
    TestServer server =
        TestServer.builder()
            .tool(
                "ask",
                "samples, elicits and lists roots",
                Schema.empty(),
                (args, ctx) -> {
                  ObjectNode sampled = ctx.sample(params("{\"messages\":[],\"maxTokens\":5}"));
                  ObjectNode elicited = ctx.elicit(params("{\"message\":\"m\"}"));
                  ObjectNode roots = ctx.listRoots();
                  return Content.textResult(
                      sampled.at("/content/text").asString()
                          + "|"
                          + elicited.get("action").asString()
                          + "|"
                          + roots.at("/roots/0/uri").asString());
                })
            .build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);
    client.answers =
        (method, p) ->
            switch (method) {
              case "sampling/createMessage" ->
                  params(
                      "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hi\"},\"model\":\"m\"}");
              case "elicitation/create" -> params("{\"action\":\"decline\"}");
              case "roots/list" -> params("{\"roots\":[{\"uri\":\"file:///tmp\"}]}");
              default -> throw new IllegalStateException(method);
            };

    JsonNode result = client.callTool("ask", Map.of());

    assertThat(result.at("/content/0/text").asString()).isEqualTo("hi|decline|file:///tmp");
    assertThat(client.clientRequests)
        .extracting(Request::method)
        .containsExactly("sampling/createMessage", "elicitation/create", "roots/list");
  }

  @Test
  void resourcesAreReadDirectlyOrThroughTemplates() {
    ObjectNode template = params("{\"uriTemplate\":\"file:///{dir}/{name}\",\"name\":\"files\"}");
    TestServer server =
        TestServer.builder()
            .textResource("mem://a", "a", "text/plain", "alpha")
            .resourceTemplate(
                template,
                (uri, vars, ctx) ->
                    Content.readResult(
                        Content.textContents(
                            uri, "text/plain", vars.get("dir") + "/" + vars.get("name"))))
            .build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);

    JsonNode direct = client.result("resources/read", params("{\"uri\":\"mem://a\"}"));
    JsonNode templated = client.result("resources/read", params("{\"uri\":\"file:///docs/x.md\"}"));
    Response missing = client.call("resources/read", params("{\"uri\":\"mem://zzz\"}"));
    JsonNode templates = client.result("resources/templates/list", null);

    assertThat(direct.at("/contents/0/text").asString()).isEqualTo("alpha");
    assertThat(templated.at("/contents/0/text").asString()).isEqualTo("docs/x.md");
    assertThat(missing.error().orElseThrow().get("code").asInt()).isEqualTo(-32002);
    assertThat(templates.get("resourceTemplates").get(0)).isEqualTo(template);
  }

  @Test
  void updatesGoOnlyToSessionsSubscribedToTheResource() {
    TestServer server =
        TestServer.builder().textResource("mem://a", "a", "text/plain", "x").build();
    HandlerClient subscribed = HandlerClient.withAllCapabilities(server);
    HandlerClient other = HandlerClient.withAllCapabilities(server);
    subscribed.initialize();
    other.initialize();

    subscribed.result("resources/subscribe", params("{\"uri\":\"mem://a\"}"));
    int first = server.resourceUpdated("mem://a");
    subscribed.result("resources/unsubscribe", params("{\"uri\":\"mem://a\"}"));
    int second = server.resourceUpdated("mem://a");

    assertThat(first).isEqualTo(1);
    assertThat(second).isZero();
    assertThat(subscribed.session.pushed)
        .extracting(Notification::method)
        .containsExactly("notifications/resources/updated");
    assertThat(other.session.pushed).isEmpty();
  }

  @Test
  void changingTheToolsTellsEverySession() {
    TestServer server = echoServer().build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);
    client.initialize();

    server.addTool(
        params("{\"name\":\"late\",\"description\":\"d\",\"inputSchema\":{\"type\":\"object\"}}"),
        (args, ctx) -> Content.textResult("late"));
    server.removeTool("echo");

    assertThat(client.session.pushed)
        .extracting(Notification::method)
        .containsExactly("notifications/tools/list_changed", "notifications/tools/list_changed");
    assertThat(client.result("tools/list", null).get("tools"))
        .extracting(t -> t.get("name").asString())
        .containsExactly("late");
    client.session.open = false;
    server.onSessionClosed(client.session);
    assertThat(server.sessions()).isEmpty();
  }

  @Test
  void everyMessageReceivedIsRecorded() {
    TestServer server = echoServer().build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);
    client.initialize();
    client.callTool("echo", Map.of("text", "hi"));

    assertThat(server.received())
        .extracting(m -> m.json().get("method").asString())
        .containsExactly("initialize", "notifications/initialized", "tools/call");
    assertThat(server.requests("tools/call").get(0).params().at("/arguments/text").asString())
        .isEqualTo("hi");
    assertThat(server.notifications("notifications/initialized")).hasSize(1);
    server.clearReceived();
    assertThat(server.received()).isEmpty();
  }

  @Test
  void anErrorFaultAnswersInsteadOfTheHandlerForAsLongAsScripted() {
    TestServer server = echoServer().build();
    server.inject(FaultRule.once("tools/call", "echo", Fault.error(-32000, "upstream sad")));
    HandlerClient client = HandlerClient.withAllCapabilities(server);

    Response first =
        client.call("tools/call", params("{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"}}"));
    Response second =
        client.call("tools/call", params("{\"name\":\"echo\",\"arguments\":{\"text\":\"b\"}}"));

    assertThat(first.error().orElseThrow().get("message").asString()).isEqualTo("upstream sad");
    assertThat(second.result().orElseThrow().at("/content/0/text").asString()).isEqualTo("b");
  }

  @Test
  void faultsForOtherTargetsDoNotApply() {
    TestServer server = echoServer().build();
    server.inject(FaultRule.always("tools/call", "other", Fault.error(-32000, "no")));

    JsonNode result =
        HandlerClient.withAllCapabilities(server).callTool("echo", Map.of("text", "ok"));

    assertThat(result.at("/content/0/text").asString()).isEqualTo("ok");
  }

  @Test
  void aDelayedRequestIsAnsweredAfterTheDelay() {
    TestServer server =
        echoServer().fault(FaultRule.always("ping", Fault.delay(Duration.ofMillis(20)))).build();

    Response response = HandlerClient.withAllCapabilities(server).call("ping", null);

    assertThat(response.isError()).isFalse();
  }

  @Test
  void aRequestThatIsNeverAnsweredEndsWhenTheClientCancelsIt() throws Exception {
    TestServer server = echoServer().build();
    server.inject(FaultRule.once("tools/call", Fault.neverAnswer()));
    HandlerClient client = HandlerClient.withAllCapabilities(server);
    client.initialize();
    Request call =
        client.request("tools/call", params("{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}"));

    CompletableFuture<Response> answer = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> answer.complete(client.handle(call)));
    org.awaitility.Awaitility.await().until(() -> server.requests("tools/call").size() == 1);
    assertThat(answer).isNotDone();
    ObjectNode cancel = Json.object();
    cancel.set("requestId", call.id());
    client.notifyServer("notifications/cancelled", cancel);

    Response response = answer.get(30, TimeUnit.SECONDS);
    assertThat(response.error().orElseThrow().get("code").asInt()).isEqualTo(-32800);
  }

  @Test
  void closingTheServerReleasesRequestsThatAreNeverAnswered() throws Exception {
    TestServer server = echoServer().fault(FaultRule.always("ping", Fault.neverAnswer())).build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);

    CompletableFuture<Response> answer = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> answer.complete(client.call("ping", null)));
    org.awaitility.Awaitility.await().until(() -> server.requests("ping").size() == 1);
    server.close();

    assertThat(answer.get(30, TimeUnit.SECONDS).isError()).isTrue();
    server.reset();
    assertThat(server.received()).isEmpty();
    server.clearFaults();
    server.inject(FaultRule.once("ping", Fault.delay(Duration.ofMillis(10))));
    assertThat(client.call("ping", null).isError())
        .as("a reset server is open again: delays run their course")
        .isFalse();
  }

  @Test
  void aDropFaultIsTakenByTheTransportOrThrownInProcess() {
    TestServer server = echoServer().build();
    server.inject(FaultRule.once("ping", Fault.dropConnection()));
    server.inject(FaultRule.once("ping", Fault.dropConnection()));
    HandlerClient client = HandlerClient.withAllCapabilities(server);

    assertThat(server.takeDropFault(client.request("ping", null))).isTrue();
    assertThat(server.takeDropFault(client.request("tools/list", null))).isFalse();
    assertThatThrownBy(() -> client.call("ping", null)).isInstanceOf(ConnectionDropped.class);
    assertThat(client.call("ping", null).isError()).isFalse();
  }

  @Test
  void customMethodsReplaceOrExtendTheBuiltIns() {
    TestServer server =
        TestServer.builder()
            .method("ping", (p, ctx) -> params("{\"pong\":true}"))
            .method("x/custom", (p, ctx) -> p)
            .build();
    HandlerClient client = HandlerClient.withAllCapabilities(server);

    assertThat(client.result("ping", null).get("pong").asBoolean()).isTrue();
    assertThat(client.result("x/custom", params("{\"a\":1}")).get("a").asInt()).isEqualTo(1);
  }
}
