package dev.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.hook.Hooks;
import dev.gatehouse.pipeline.GovernedGateway;
import dev.gatehouse.policy.AllowDeny;
import dev.gatehouse.policy.EndpointView;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class GatewayClientTest {
  private static final View READERS =
      new EndpointView(
          Map.of(), Optional.of(Set.of("fs")), AllowDeny.of(List.of("*_read"), List.of()));

  private final List<String> groups = new CopyOnWriteArrayList<>();

  private GovernedGateway gateway() {
    Hooks hooks =
        Hooks.builder()
            .postCall((call, result) -> {
              groups.add(call.caller().group().orElse("main"));
              return result;
            })
            .build();
    return new GovernedGateway(
        hooks,
        b -> b.groups(name -> name.equals("readers") ? Optional.of(READERS) : Optional.empty()));
  }

  private static List<String> names(List<ObjectNode> tools) {
    return tools.stream().map(t -> t.path("name").asString()).toList();
  }

  @Test
  void callsAndListsGoThroughTheMainEndpoint() {
    try (GovernedGateway g = gateway()) {
      assertThat(names(g.gateway.listTools())).containsExactly("fs_read", "fs_delete");
      assertThat(g.gateway.callTool("fs_delete", Json.object().put("path", "/x")).text())
          .isEqualTo("delete {\"path\":\"/x\"}");
      assertThat(groups).containsExactly("main");
    }
  }

  @Test
  void aGroupSeesOnlyItsViewAndHooksKnowTheGroup() {
    try (GovernedGateway g = gateway();
        GatewayClient client = g.gateway.client(ClientOptions.defaults().withGroup("readers"))) {
      assertThat(names(g.gateway.listTools("readers"))).containsExactly("fs_read");
      assertThat(client.callTool("fs_read", Json.object()).text()).startsWith("read");
      assertThatThrownBy(() -> client.callTool("fs_delete", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TOOL_NOT_FOUND));
      assertThat(groups).containsExactly("readers");
      assertThat(g.audit)
          .singleElement()
          .extracting(r -> r.group())
          .isEqualTo(Optional.of("readers"));
    }
  }

  @Test
  void anUnknownGroupIsGroupNotFound() {
    try (GovernedGateway g = gateway()) {
      assertThatThrownBy(() -> g.gateway.listTools("nope"))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.GROUP_NOT_FOUND));
      assertThat(g.gateway.handler("nope")).isEmpty();
    }
  }

  @Test
  void oneSessionServesSeveralCallsAndDescribesATool() {
    try (GovernedGateway g = gateway();
        GatewayClient client = g.gateway.client()) {
      client.callTool("fs_read", Json.object().put("n", 1));
      client.callTool("fs_read", Json.object().put("n", 2));
      assertThat(client.tool("fs_read").orElseThrow().path("description").asString())
          .isEqualTo("the read tool");
      assertThat(client.tool("fs_nothing")).isEmpty();
      assertThat(g.upstream.calls).hasSize(2);
      assertThat(client.instructions().orElseThrow()).contains("fs");
    }
  }

  @Test
  void anUnknownToolIsToolNotFound() {
    try (GovernedGateway g = gateway()) {
      assertThatThrownBy(() -> g.gateway.callTool("nothing_here", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.TOOL_NOT_FOUND);
                assertThat(e.getMessage()).isEqualTo("Unknown tool: nothing_here");
              });
    }
  }
}
