package dev.gatehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.audit.AuditDecision;
import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.hook.UpstreamError;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;

/** Around-call filters, post-call hooks, error observers. */
class FiltersAndObserversTest {

  @Test
  void filtersNestWithTheFirstRegisteredOutermost() {
    List<String> trace = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .filter((call, next) -> {
              trace.add("outer in");
              ToolResult result = next.proceed(call);
              trace.add("outer out");
              return result;
            })
            .filter((call, next) -> {
              trace.add("inner in");
              ToolResult result = next.proceed(call);
              trace.add("inner out");
              return result;
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      g.upstream.answer(p -> {
        trace.add("upstream");
        return Response.result(IntNode.valueOf(1), ScriptedUpstream.echo(p));
      });
      g.gateway.callTool("fs_read", Json.object());
      assertThat(trace)
          .containsExactly("outer in", "inner in", "upstream", "inner out", "outer out");
    }
  }

  @Test
  void aFilterMayRetryAFailedUpstreamCall() {
    AtomicInteger attempts = new AtomicInteger();
    Hooks hooks =
        Hooks.builder()
            .filter((call, next) -> {
              try {
                return next.proceed(call);
              } catch (GatewayException e) {
                return next.proceed(call);
              }
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      g.upstream.answer(p ->
          attempts.incrementAndGet() == 1
              ? Response.error(IntNode.valueOf(1), -32603, "flaky")
              : Response.result(IntNode.valueOf(1), ScriptedUpstream.echo(p)));
      assertThat(g.gateway.callTool("fs_read", Json.object()).text()).startsWith("read");
      assertThat(attempts).hasValue(2);
      assertThat(g.audit)
          .singleElement()
          .extracting(r -> r.decision())
          .isEqualTo(AuditDecision.ALLOWED);
    }
  }

  @Test
  void aFilterMayAnswerWithoutTheUpstream() {
    Hooks hooks = Hooks.builder().filter((call, next) -> ToolResult.text("cached")).build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThat(g.gateway.callTool("fs_read", Json.object()).text()).isEqualTo("cached");
      assertThat(g.upstream.calls).isEmpty();
    }
  }

  @Test
  void aThrowingFilterFailsTheCallWithoutDetails() {
    Hooks hooks =
        Hooks.builder()
            .filter((call, next) -> {
              throw new IllegalStateException("secret detail");
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                assertThat(e.getMessage()).doesNotContain("secret detail");
              });
      assertThat(g.audit)
          .singleElement()
          .extracting(r -> r.decision())
          .isEqualTo(AuditDecision.FAILED);
    }
  }

  @Test
  void postCallHooksChainEachSeeingThePreviousOutput() {
    Hooks hooks =
        Hooks.builder()
            .postCall((call, result) -> ToolResult.text(result.text() + " +a"))
            .postCall((call, result) -> ToolResult.text(result.text() + " +b"))
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThat(g.gateway.callTool("fs_read", Json.object()).text()).isEqualTo("read {} +a +b");
    }
  }

  @Test
  void postCallHooksSeeToolLevelErrorsButNotFailedCalls() {
    List<Boolean> seen = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .postCall((call, result) -> {
              seen.add(result.isError());
              return result;
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      g.upstream.answer(
          p -> Response.result(IntNode.valueOf(1), ToolResult.error("no such file").json()));
      assertThat(g.gateway.callTool("fs_read", Json.object()).isError()).isTrue();
      g.upstream.answer(p -> Response.error(IntNode.valueOf(1), -32602, "bad path"));
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()));
      assertThat(seen).containsExactly(true);
      assertThat(g.audit)
          .extracting(r -> r.decision())
          .containsExactly(AuditDecision.ALLOWED, AuditDecision.FAILED);
      assertThat(g.audit.getFirst().toolError()).isTrue();
    }
  }

  @Test
  void aThrowingPostCallHookWithholdsTheResult() {
    Hooks hooks =
        Hooks.builder()
            .postCall((call, result) -> {
              throw new IllegalStateException("redactor broken");
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
    }
  }

  @Test
  void anUpstreamErrorReachesTheClientExactlyAsSent() {
    try (GovernedGateway g =
        new GovernedGateway(Hooks.builder().preCall(c -> Decision.proceed()).build())) {
      g.upstream.answer(p -> {
        var error = Json.object().put("code", -32602).put("message", "bad path");
        error.putObject("data").put("path", "/x");
        return Response.error(IntNode.valueOf(1), error);
      });
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()))
          .isInstanceOfSatisfying(
              UpstreamError.class,
              e ->
                  assertThat(e.error().toString())
                      .isEqualTo(
                          "{\"code\":-32602,\"message\":\"bad path\",\"data\":{\"path\":\"/x\"}}"));
      assertThat(g.audit)
          .singleElement()
          .satisfies(r -> {
            assertThat(r.decision()).isEqualTo(AuditDecision.FAILED);
            assertThat(r.errorCode()).contains("upstream_error");
          });
    }
  }

  @Test
  void errorObserversHearDenialsAndFailuresAndAThrowingOneChangesNothing() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(
                call -> call.tool().equals("fs_delete") ? Decision.deny("no") : Decision.proceed())
            .callError((call, error) -> {
              throw new IllegalStateException("observer broken");
            })
            .callError((call, error) -> heard.add(call.tool() + " " + error.code().id()))
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_delete", Json.object())).hasMessage("no");
      g.upstream.answer(p -> Response.error(IntNode.valueOf(1), -32603, "disk on fire"));
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()))
          .hasMessage("disk on fire");
      assertThat(heard).containsExactly("fs_delete DENIED_BY_POLICY", "fs_read upstream_error");
    }
  }

  @Test
  void aThrowingAuditSinkChangesNothing() {
    Hooks hooks =
        Hooks.builder()
            .audit(r -> {
              throw new IllegalStateException("disk full");
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThat(g.gateway.callTool("fs_read", Json.object()).text()).startsWith("read");
      assertThat(g.audit).hasSize(1);
    }
  }

  @Test
  void hooksShareThePerCallAttributes() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> {
              seen.add("fresh " + call.attributes().isEmpty());
              call.attributes().put("ticket", "T-1");
              return Decision.rewrite(Json.object());
            })
            .postCall((call, result) -> {
              seen.add(call.attributes().get("ticket"));
              return result;
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      g.gateway.callTool("fs_read", Json.object());
      g.gateway.callTool("fs_read", Json.object());
      assertThat(seen).containsExactly("fresh true", "T-1", "fresh true", "T-1");
    }
  }
}
