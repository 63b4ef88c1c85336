package dev.gatehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.audit.AuditDecision;
import dev.gatehouse.hook.Approval;
import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The pre-call and confirmation seams: order, rewrites, and failing closed. */
class PreCallAndConfirmationTest {

  @Test
  void preCallHooksRunInOrderAndEachSeesThePreviousRewrite() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> {
              seen.add("first " + call.arguments());
              return Decision.rewrite(call.arguments().deepCopy().put("path", "/safe"));
            })
            .preCall(call -> {
              seen.add("second " + call.arguments());
              return Decision.proceed();
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      String text = g.gateway.callTool("fs_read", Json.object().put("path", "/etc")).text();

      assertThat(seen).containsExactly("first {\"path\":\"/etc\"}", "second {\"path\":\"/safe\"}");
      assertThat(text).isEqualTo("read {\"path\":\"/safe\"}");
      assertThat(g.upstream.calls.getFirst().path("name").asString()).isEqualTo("read");
      assertThat(g.audit)
          .singleElement()
          .extracting(r -> r.decision())
          .isEqualTo(AuditDecision.ALLOWED);
    }
  }

  @Test
  void aDenyStopsTheChainAtOnceAndTheUpstreamIsNeverCalled() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> {
              ran.add("deny");
              return Decision.deny("no deleting here");
            })
            .preCall(call -> {
              ran.add("later");
              return Decision.proceed();
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_delete", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DENIED_BY_POLICY);
                assertThat(e.getMessage()).isEqualTo("no deleting here");
              });
      assertThat(ran).containsExactly("deny");
      assertThat(g.upstream.calls).isEmpty();
      assertThat(g.audit)
          .singleElement()
          .satisfies(r -> {
            assertThat(r.decision()).isEqualTo(AuditDecision.DENIED);
            assertThat(r.errorCode()).contains("DENIED_BY_POLICY");
            assertThat(r.reason()).contains("no deleting here");
          });
    }
  }

  @Test
  void aThrowingPreCallHookDenies() {
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> {
              throw new IllegalStateException("policy store down");
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DENIED_BY_POLICY);
                assertThat(e.getMessage()).doesNotContain("policy store down");
              });
      assertThat(g.upstream.calls).isEmpty();
    }
  }

  @Test
  void aHookReturningNullDenies() {
    try (GovernedGateway g = new GovernedGateway(Hooks.builder().preCall(call -> null).build())) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DENIED_BY_POLICY));
    }
  }

  @Test
  void withoutAConfirmationHookACallNeedingConfirmationIsDenied() {
    Hooks hooks =
        Hooks.builder().preCall(call -> Decision.requireConfirmation("destructive")).build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_delete", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DENIED_BY_POLICY);
                assertThat(e.getMessage()).contains("needs confirmation (destructive)");
              });
      assertThat(g.upstream.calls).isEmpty();
      assertThat(g.audit)
          .singleElement()
          .extracting(r -> r.decision())
          .isEqualTo(AuditDecision.REJECTED);
    }
  }

  @Test
  void aLaterDenyWinsOverAnEarlierConfirmationWithoutAskingAnyone() {
    List<String> asked = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> Decision.requireConfirmation("destructive"))
            .preCall(call -> Decision.deny("frozen"))
            .confirmation((call, reason) -> {
              asked.add(reason);
              return Approval.approved();
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_delete", Json.object())).hasMessage("frozen");
      assertThat(asked).isEmpty();
    }
  }

  @Test
  void everyConfirmationHookMustApproveInOrder() {
    List<String> asked = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> Decision.requireConfirmation("destructive"))
            .confirmation((call, reason) -> {
              asked.add("first " + reason);
              return Approval.approved();
            })
            .confirmation((call, reason) -> {
              asked.add("second " + reason);
              return Approval.approved();
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThat(g.gateway.callTool("fs_delete", Json.object()).text()).startsWith("delete");
      assertThat(asked).containsExactly("first destructive", "second destructive");
      assertThat(g.audit)
          .singleElement()
          .extracting(r -> r.decision())
          .isEqualTo(AuditDecision.CONFIRMED);
    }
  }

  @Test
  void theFirstRejectionRefusesAndLaterHooksAreNotAsked() {
    List<String> asked = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> Decision.requireConfirmation("destructive"))
            .confirmation((call, reason) -> Approval.rejected("not today"))
            .confirmation((call, reason) -> {
              asked.add("second");
              return Approval.approved();
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_delete", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DENIED_BY_POLICY);
                assertThat(e.getMessage()).isEqualTo("Call to fs_delete was rejected: not today");
              });
      assertThat(asked).isEmpty();
      assertThat(g.upstream.calls).isEmpty();
    }
  }

  @Test
  void aThrowingConfirmationHookRejects() {
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> Decision.requireConfirmation("destructive"))
            .confirmation((call, reason) -> {
              throw new IllegalStateException("chat bot down");
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_delete", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DENIED_BY_POLICY));
      assertThat(g.upstream.calls).isEmpty();
      assertThat(g.audit)
          .singleElement()
          .extracting(r -> r.decision())
          .isEqualTo(AuditDecision.REJECTED);
    }
  }

  @Test
  void aTimedOutConfirmationIsDeniedAndAuditedAsATimeout() {
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> Decision.requireConfirmation("destructive"))
            .confirmation((call, reason) -> Approval.timedOut("not approved within 1 s"))
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_delete", Json.object()))
          .hasMessage("Call to fs_delete was denied: not approved within 1 s");
      assertThat(g.audit)
          .singleElement()
          .extracting(r -> r.decision())
          .isEqualTo(AuditDecision.TIMED_OUT);
    }
  }

  @Test
  void confirmationSeesTheRewrittenArguments() {
    List<String> asked = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .preCall(call -> Decision.rewrite(Json.object().put("path", "/tmp/x")))
            .preCall(call -> Decision.requireConfirmation("destructive"))
            .confirmation((call, reason) -> {
              asked.add(call.arguments().toString());
              return Approval.approved();
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      g.gateway.callTool("fs_delete", Json.object().put("path", "/"));
      assertThat(asked).containsExactly("{\"path\":\"/tmp/x\"}");
      assertThat(g.upstream.calls.getFirst().path("arguments").path("path").asString())
          .isEqualTo("/tmp/x");
    }
  }
}
