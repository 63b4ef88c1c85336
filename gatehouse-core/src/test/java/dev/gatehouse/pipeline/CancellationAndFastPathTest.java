package dev.gatehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.Gateway;
import dev.gatehouse.approval.ApprovalQueue;
import dev.gatehouse.audit.AuditDecision;
import dev.gatehouse.hook.Approval;
import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.protocol.StreamedResult;
import dev.gatehouse.upstream.UpstreamConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

class CancellationAndFastPathTest {

  private static Request call(int id, String tool) {
    ObjectNode params = Json.object().put("name", tool);
    params.putObject("arguments").put("path", "/x");
    return Request.of(IntNode.valueOf(id), McpMethods.TOOLS_CALL, params);
  }

  @Test
  void aClientCancellationInterruptsAWaitingConfirmation() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> Decision.requireConfirmation("destructive"))
            .confirmation((call, reason) -> {
              waiting.countDown();
              try {
                Thread.sleep(Duration.ofMinutes(5));
                interrupted.complete(false);
                return Approval.approved();
              } catch (InterruptedException e) {
                interrupted.complete(true);
                Thread.currentThread().interrupt();
                throw new dev.gatehouse.protocol.GatewayException(
                    dev.gatehouse.protocol.ErrorCode.CANCELLED, "cancelled");
              }
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      SessionExchange exchange = new SessionExchange();
      CompletableFuture<Response> answer =
          CompletableFuture.supplyAsync(
              () -> g.gateway.handler().handle(call(7, "fs_delete"), exchange));
      assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

      g.gateway
          .handler()
          .onNotification(
              Notification.of(McpMethods.CANCELLED, Json.object().put("requestId", 7)), exchange);

      assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
      Response response = answer.get(10, TimeUnit.SECONDS);
      assertThat(response.error().orElseThrow().path("data").path("code").asString())
          .isEqualTo("cancelled");
      assertThat(g.upstream.calls).isEmpty();
      await().until(() -> g.audit.size() == 1);
      assertThat(g.audit.getFirst().decision()).isEqualTo(AuditDecision.CANCELLED);
    }
  }

  @Test
  void aCancelledCallWithdrawsItsPendingApproval() throws Exception {
    ApprovalQueue approvals = ApprovalQueue.builder().timeout(Duration.ofMinutes(5)).build();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> Decision.requireConfirmation("destructive"))
            .confirmation(approvals)
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      SessionExchange exchange = new SessionExchange();
      Request request = call(9, "fs_delete");
      request.params().putObject("_meta").put("progressToken", 42);
      CompletableFuture<Response> answer =
          CompletableFuture.supplyAsync(() -> g.gateway.handler().handle(request, exchange));
      await().atMost(Duration.ofSeconds(10)).until(() -> approvals.pending().size() == 1);
      assertThat(exchange.sent)
          .first()
          .satisfies(n -> {
            assertThat(n.method()).isEqualTo(McpMethods.PROGRESS);
            assertThat(n.params().path("progressToken").asInt()).isEqualTo(42);
            assertThat(n.params().path("total").asDouble()).isEqualTo(300.0);
          });

      g.gateway
          .handler()
          .onNotification(
              Notification.of(McpMethods.CANCELLED, Json.object().put("requestId", 9)), exchange);

      Response response = answer.get(10, TimeUnit.SECONDS);
      assertThat(response.error().orElseThrow().path("data").path("code").asString())
          .isEqualTo("cancelled");
      assertThat(approvals.pending()).isEmpty();
      assertThat(g.upstream.calls).isEmpty();
    }
  }

  @Test
  void progressOfAHookReachesAClientThatAskedForIt() {
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> {
              call.progress().report(1, 2, "checking");
              return Decision.proceed();
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      SessionExchange exchange = new SessionExchange();
      Request request = call(1, "fs_read");
      request.params().putObject("_meta").put("progressToken", "tok");
      g.gateway.handler().handle(request, exchange);
      g.gateway.handler().handle(call(2, "fs_read"), exchange);

      assertThat(exchange.sent)
          .singleElement()
          .satisfies(n -> {
            assertThat(n.method()).isEqualTo(McpMethods.PROGRESS);
            assertThat(n.params().path("progressToken").asString()).isEqualTo("tok");
            assertThat(n.params().path("message").asString()).isEqualTo("checking");
          });
    }
  }

  @Test
  void withoutHooksTheRequestGoesUpstreamUntouched() {
    ScriptedUpstream upstream =
        new ScriptedUpstream(UpstreamConfig.stdio("fs", "unused", List.of()), "read");
    try (Gateway gateway =
        Gateway.builder().upstream(upstream.config()).connector(c -> upstream).build().start()) {
      await().until(() -> gateway.catalog().tools().size() == 1);
      ObjectNode params = Json.object().put("name", "fs_read");
      params.putObject("_meta").put("trace", "t-1");
      Response response =
          gateway
              .handler()
              .handle(
                  Request.of(IntNode.valueOf(3), McpMethods.TOOLS_CALL, params),
                  new SessionExchange());

      assertThat(response.isError()).isFalse();
      // No arguments were sent, and none were added on the way.
      assertThat(upstream.calls.getFirst().toString())
          .isEqualTo("{\"name\":\"read\",\"_meta\":{\"trace\":\"t-1\"}}");
    }
  }

  @Test
  void argumentsAreOnlySetUpstreamWhenAHookRewroteThem() {
    try (GovernedGateway g =
        new GovernedGateway(Hooks.builder().preCall(c -> Decision.proceed()).build())) {
      ObjectNode params = Json.object().put("name", "fs_read");
      g.gateway
          .handler()
          .handle(
              Request.of(IntNode.valueOf(3), McpMethods.TOOLS_CALL, params), new SessionExchange());
      assertThat(g.upstream.calls.getFirst().has("arguments")).isFalse();
    }
  }

  @Test
  void aResultNoHookReadsGoesBackUnreadAndOneAHookReadsIsParsedForIt() {
    String result = "{\"content\":[{\"type\":\"text\",\"text\":\"big\"}]}";
    for (boolean postCall : new boolean[] {false, true}) {
      Hooks.Builder hooks = Hooks.builder().preCall(c -> Decision.proceed());
      if (postCall) {
        hooks.postCall((c, r) -> ToolResult.text(r.text() + ", seen"));
      }
      ScriptedUpstream upstream =
          new ScriptedUpstream(UpstreamConfig.stdio("fs", "unused", List.of()), "read")
              .answer(params ->
                  Response.result(
                      IntNode.valueOf(1),
                      StreamedResult.node(
                          new ByteArrayInputStream(
                              (result + ",\"id\":1}").getBytes(StandardCharsets.UTF_8)))));
      try (Gateway gateway =
          Gateway.builder()
              .upstream(upstream.config())
              .connector(c -> upstream)
              .hooks(hooks.build())
              .build()
              .start()) {
        await().until(() -> gateway.catalog().tools().size() == 1);

        Response response = gateway.handler().handle(call(5, "fs_read"), new SessionExchange());

        assertThat(response.id().asInt()).isEqualTo(5);
        if (postCall) {
          assertThat(response.json().get("result").path("content").get(0).path("text").asString())
              .isEqualTo("big, seen");
        } else {
          assertThat(response.json().get("result")).isInstanceOf(POJONode.class);
          assertThat(Json.text(response.json()))
              .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":" + result + "}");
        }
      }
    }
  }

  @Test
  void aResultThatIsNoObjectIsAnUpstreamErrorEvenWhenNoHookReadsResults() {
    ScriptedUpstream upstream =
        new ScriptedUpstream(UpstreamConfig.stdio("fs", "unused", List.of()), "read")
            .answer(params -> Response.result(IntNode.valueOf(1), Json.array()));
    try (Gateway gateway =
        Gateway.builder()
            .upstream(upstream.config())
            .connector(c -> upstream)
            .hooks(Hooks.builder().preCall(c -> Decision.proceed()).build())
            .build()
            .start()) {
      await().until(() -> gateway.catalog().tools().size() == 1);

      Response response = gateway.handler().handle(call(6, "fs_read"), new SessionExchange());

      assertThat(response.error().orElseThrow().path("data").path("code").asString())
          .isEqualTo("upstream_error");
    }
  }
}
