package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.hook.CallProgress;
import dev.gatehouse.hook.Caller;
import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.ToolCall;
import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CallPolicyTest {
  private static ToolCall call(String exposed, String original) {
    return new ToolCall(
        Caller.anonymous(),
        "evs",
        exposed,
        original,
        Json.object(),
        new ConcurrentHashMap<>(),
        CallProgress.NONE);
  }

  private final CallPolicy policy =
      CallPolicy.of(List.of("*get-env*", "evh_*"), List.of("*get-sum*", "evh_echo"));

  @Test
  void denyGlobsRefuseAndNameTheGlob() {
    assertThat(policy.before(call("evs_get-env", "get-env")))
        .isEqualTo(
            Decision.deny("Call to evs_get-env is denied by policy (matches \"*get-env*\")"));
  }

  @Test
  void confirmGlobsAskForConfirmation() {
    assertThat(policy.before(call("evs_get-sum", "get-sum")))
        .isEqualTo(
            Decision.requireConfirmation("policy requires confirmation (matches \"*get-sum*\")"));
  }

  @Test
  void globsMatchTheOriginalNameToo() {
    assertThat(policy.before(call("x_y", "get-env"))).isInstanceOf(Decision.Deny.class);
  }

  @Test
  void denyWinsOverConfirm() {
    assertThat(policy.before(call("evh_echo", "echo"))).isInstanceOf(Decision.Deny.class);
  }

  @Test
  void everythingElseContinues() {
    assertThat(policy.before(call("evs_echo", "echo"))).isEqualTo(Decision.proceed());
  }
}
