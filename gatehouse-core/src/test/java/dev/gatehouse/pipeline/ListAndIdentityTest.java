package dev.gatehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.client.ClientOptions;
import dev.gatehouse.client.GatewayClient;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** List hooks and authenticators. */
class ListAndIdentityTest {

  private static List<String> names(List<ObjectNode> tools) {
    return tools.stream().map(t -> t.path("name").asString()).toList();
  }

  @Test
  void listHooksRunInOrderEachSeeingThePreviousOutput() {
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .list((caller, tools) -> {
              seen.add(tools.stream().map(ToolEntry::name).toList());
              return tools.stream().filter(t -> !t.originalName().equals("delete")).toList();
            })
            .list((caller, tools) -> {
              seen.add(tools.stream().map(ToolEntry::name).toList());
              return tools.stream()
                  .map(t ->
                      new ToolEntry(
                          t.server(),
                          t.name(),
                          t.originalName(),
                          t.definition()
                              .deepCopy()
                              .put("description", "[reviewed] " + t.description())))
                  .toList();
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      List<ObjectNode> tools = g.gateway.listTools();

      // One pass per listing (the handshake's instructions count the tools too), in order.
      assertThat(seen.subList(seen.size() - 2, seen.size()))
          .containsExactly(List.of("fs_read", "fs_delete"), List.of("fs_read"));
      assertThat(names(tools)).containsExactly("fs_read");
      assertThat(tools.getFirst().path("description").asString())
          .isEqualTo("[reviewed] the read tool");
      // The catalog's own definition is untouched.
      assertThat(g.gateway.catalog().tool("fs_read").orElseThrow().description())
          .isEqualTo("the read tool");
    }
  }

  @Test
  void aToolAListHookHidesAnswersLikeAnUnknownOneAndIsNotAudited() {
    Hooks hooks =
        Hooks.builder()
            .list((caller, tools) ->
                tools.stream().filter(t -> !t.name().equals("fs_delete")).toList())
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      GatewayException hidden =
          (GatewayException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> g.gateway.callTool("fs_delete", Json.object()));
      GatewayException unknown =
          (GatewayException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> g.gateway.callTool("fs_nothing", Json.object()));

      assertThat(hidden.code()).isEqualTo(ErrorCode.TOOL_NOT_FOUND);
      assertThat(hidden.getMessage()).isEqualTo("Unknown tool: fs_delete");
      assertThat(unknown.code()).isEqualTo(ErrorCode.TOOL_NOT_FOUND);
      assertThat(g.upstream.calls).isEmpty();
      assertThat(g.audit).isEmpty();
    }
  }

  @Test
  void aThrowingListHookFailsTheListingRatherThanShowWhatItWouldHide() {
    Hooks hooks =
        Hooks.builder()
            .list((caller, tools) -> {
              throw new IllegalStateException("acl store down");
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(g.gateway::listTools)
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()));
      assertThat(g.upstream.calls).isEmpty();
    }
  }

  @Test
  void theFirstAuthenticatorThatKnowsTheCallerWinsAndHooksAndAuditSeeIt() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .authenticator(header -> Optional.empty())
            .authenticator(header -> header.apply("X-Agent").map(Identity::of))
            .authenticator(header -> Optional.of(Identity.of("never")))
            .list((caller, tools) -> {
              seen.add("list " + caller.identity().name());
              return tools;
            })
            .postCall((call, result) -> {
              seen.add("call " + call.caller().identity().name());
              return result;
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks);
        GatewayClient client =
            g.gateway.client(
                ClientOptions.defaults().withHeaders(Map.of("x-agent", "builder-bot")))) {
      client.listTools();
      client.callTool("fs_read", Json.object());

      assertThat(seen).last().isEqualTo("call builder-bot");
      assertThat(seen).contains("list builder-bot").allMatch(s -> s.endsWith(" builder-bot"));
      assertThat(g.audit).singleElement().extracting(r -> r.caller()).isEqualTo("builder-bot");
    }
  }

  @Test
  void listHooksShapeTheListOfEachCallerBehindTheSameViewApart() {
    Hooks hooks =
        Hooks.builder()
            .authenticator(header -> header.apply("X-Agent").map(Identity::of))
            .list((caller, tools) ->
                caller.identity().name().equals("reader")
                    ? tools.stream().filter(t -> !t.originalName().equals("delete")).toList()
                    : tools)
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      SessionExchange reader = new SessionExchange(Map.of("X-Agent", "reader"));
      SessionExchange admin = new SessionExchange(Map.of("X-Agent", "admin"));

      for (int round = 0; round < 2; round++) {
        assertThat(listed(g, reader)).containsExactly("fs_read");
        assertThat(listed(g, admin)).containsExactly("fs_read", "fs_delete");
      }
    }
  }

  private static List<String> listed(GovernedGateway g, SessionExchange exchange) {
    return g.gateway
        .handler()
        .handle(
            dev.gatehouse.protocol.Request.of(
                tools.jackson.databind.node.IntNode.valueOf(1), "tools/list", Json.object()),
            exchange)
        .result()
        .orElseThrow()
        .path("tools")
        .valueStream()
        .map(t -> t.path("name").asString())
        .toList();
  }

  @Test
  void withoutAnyIdentityTheCallerIsAnonymous() {
    try (GovernedGateway g = new GovernedGateway(Hooks.none())) {
      g.gateway.callTool("fs_read", Json.object());
      assertThat(g.audit).singleElement().extracting(r -> r.caller()).isEqualTo("anonymous");
    }
  }

  @Test
  void aThrowingAuthenticatorDeniesTheCall() {
    Hooks hooks =
        Hooks.builder()
            .authenticator(header -> {
              throw new IllegalStateException("jwks unreachable");
            })
            .build();
    try (GovernedGateway g = new GovernedGateway(hooks)) {
      assertThatThrownBy(() -> g.gateway.callTool("fs_read", Json.object()))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DENIED_BY_POLICY);
                assertThat(e.getMessage()).isEqualTo("Authentication failed");
              });
      assertThat(g.upstream.calls).isEmpty();
      assertThat(g.audit).singleElement().extracting(r -> r.decision().id()).isEqualTo("denied");
    }
  }
}
