package dev.gatehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.AuditDecision;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.protocol.Json;
import org.junit.jupiter.api.Test;

/** The discovery meta-tools pass the same governance as direct calls. */
class DiscoveryGovernanceTest {

  private static GovernedGateway gateway() {
    Hooks hooks =
        Hooks.builder()
            .preCall(call ->
                call.originalTool().equals("delete")
                    ? Decision.deny("no deleting")
                    : Decision.proceed())
            .list((caller, tools) ->
                tools.stream().filter(t -> !t.originalName().equals("delete")).toList())
            .build();
    return new GovernedGateway(hooks, b -> b.discovery(DiscoverySettings.of(EndpointMode.HYBRID)));
  }

  @Test
  void executeToolIsGovernedAndAuditedLikeADirectCall() {
    try (GovernedGateway g = gateway()) {
      ToolResult ran =
          g.gateway.callTool(
              "execute_tool",
              Json.object()
                  .put("name", "fs_read")
                  .set("arguments", Json.object().put("path", "/a")));
      assertThat(ran.text()).isEqualTo("read {\"path\":\"/a\"}");
      assertThat(g.audit)
          .singleElement()
          .satisfies(r -> {
            assertThat(r.tool()).isEqualTo("fs_read");
            assertThat(r.decision()).isEqualTo(AuditDecision.ALLOWED);
          });
    }
  }

  @Test
  void aToolAListHookHidesIsAbsentFromTheMetaToolsToo() {
    try (GovernedGateway g = gateway()) {
      ToolResult found = g.gateway.callTool("search_tools", Json.object().put("query", "delete"));
      assertThat(found.text()).doesNotContain("fs_delete");
      ToolResult refused =
          g.gateway.callTool("execute_tool", Json.object().put("name", "fs_delete"));
      assertThat(refused.isError()).isTrue();
      assertThat(refused.structuredContent().orElseThrow().path("code").asString())
          .isEqualTo("tool_not_found");
      assertThat(g.upstream.calls).isEmpty();
    }
  }
}
