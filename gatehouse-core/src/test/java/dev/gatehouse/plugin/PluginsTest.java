package dev.gatehouse.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.Gateway;
import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.pipeline.GovernedGateway;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PluginsTest {
  private final List<String> trace = new CopyOnWriteArrayList<>();

  @BeforeEach
  void clear() {
    TracePlugins.TRACE.clear();
  }

  private Plugin plugin(String name, Consumer<PluginContext> contribute) {
    return new Plugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void contribute(PluginContext context) {
        contribute.accept(context);
      }

      @Override
      public void start(Gateway gateway) {
        trace.add("start " + name);
      }

      @Override
      public void stop() {
        trace.add("stop " + name);
      }
    };
  }

  private Plugin tracing(String name) {
    return plugin(
        name,
        c ->
            c.hooks()
                .preCall(call -> {
                  trace.add(name);
                  return Decision.proceed();
                }));
  }

  @Test
  void theGatewaysOwnHooksRunFirstThenEachPluginsInRegistrationOrder() {
    Hooks own =
        Hooks.builder()
            .preCall(call -> {
              trace.add("own");
              return Decision.proceed();
            })
            .build();
    try (GovernedGateway g =
        new GovernedGateway(own, b -> b.plugin(tracing("second-b")).plugin(tracing("first-a")))) {
      trace.clear();
      g.gateway.callTool("fs_read", Json.object());
      assertThat(trace).containsExactly("own", "second-b", "first-a");
    }
  }

  @Test
  void discoveredPluginsComeAfterTheAddedOnesSortedByName() {
    try (GovernedGateway g =
        new GovernedGateway(Hooks.none(), b -> b.plugin(tracing("zzz-added")).discoverPlugins())) {
      trace.clear();
      g.gateway.callTool("fs_read", Json.object());
      assertThat(trace).containsExactly("zzz-added");
      assertThat(TracePlugins.TRACE).containsExactly("aardvark", "zebra");
      assertThat(g.gateway.plugins().names()).containsExactly("zzz-added", "aardvark", "zebra");
    }
  }

  @Test
  void aPluginAddedByNameIsNotDiscoveredTwice() {
    try (GovernedGateway g =
        new GovernedGateway(Hooks.none(), b -> b.plugin(tracing("zebra")).discoverPlugins())) {
      assertThat(g.gateway.plugins().names()).containsExactly("zebra", "aardvark");
    }
  }

  @Test
  void namesMustBeUniqueAndLowercase() {
    assertThatThrownBy(() -> Plugins.of(List.of(tracing("a"), tracing("a"))))
        .hasMessage("two plugins are named \"a\"");
    assertThatThrownBy(() -> Plugins.of(List.of(tracing("Bad Name"))))
        .hasMessageContaining("is not [a-z0-9-]+");
  }

  @Test
  void pluginsStartInOrderAndStopInReverse() {
    GovernedGateway g =
        new GovernedGateway(Hooks.none(), b -> b.plugin(tracing("one")).plugin(tracing("two")));
    g.close();
    assertThat(trace).containsExactly("start one", "start two", "stop two", "stop one");
  }

  @Test
  void aPluginThatFailsToStartStopsTheOnesStartedAndTheStart() {
    Plugin broken =
        new Plugin() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public void contribute(PluginContext context) {}

          @Override
          public void start(Gateway gateway) {
            throw new IllegalStateException("no licence");
          }
        };
    assertThatThrownBy(
            () -> new GovernedGateway(Hooks.none(), b -> b.plugin(tracing("one")).plugin(broken)))
        .hasMessage("plugin broken failed to start: no licence");
    assertThat(trace).containsExactly("start one", "stop one");
  }

  @Test
  void aMetaToolIsListedAndCalledThroughTheSameHooks() {
    ObjectNode definition = Json.object().put("name", "count_calls").put("description", "how many");
    definition.putObject("inputSchema").put("type", "object");
    List<String> servers = new CopyOnWriteArrayList<>();
    Hooks own =
        Hooks.builder()
            .preCall(call -> {
              servers.add(call.server());
              return call.arguments().has("forbidden") ? Decision.deny("no") : Decision.proceed();
            })
            .build();
    Plugin counter =
        plugin("counter", c -> c.metaTool(MetaTool.of(definition, call -> ToolResult.text("42"))));
    try (GovernedGateway g = new GovernedGateway(own, b -> b.plugin(counter))) {
      assertThat(g.gateway.listTools())
          .extracting(t -> t.path("name").asString())
          .containsExactly("count_calls", "fs_read", "fs_delete");
      assertThat(g.gateway.callTool("count_calls", Json.object()).text()).isEqualTo("42");
      assertThatThrownBy(() -> g.gateway.callTool("count_calls", Json.object().put("forbidden", 1)))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DENIED_BY_POLICY));
      assertThat(servers).containsExactly("counter", "counter");
      assertThat(g.audit).extracting(r -> r.server()).containsExactly("counter", "counter");
    }
  }

  @Test
  void anAdminRouteIsFoundByPluginName() {
    Plugin withRoute =
        plugin(
            "stats",
            c ->
                c.adminRoute(
                    request -> AdminReply.json(Json.object().put("path", request.path()))));
    try (GovernedGateway g = new GovernedGateway(Hooks.none(), b -> b.plugin(withRoute))) {
      AdminRoute route = g.gateway.plugins().adminRoute("stats").orElseThrow();
      AdminReply reply =
          route.handle(
              new AdminRequest(
                  "GET", "/x", Map.of(), h -> java.util.Optional.empty(), new byte[0]));
      assertThat(reply.status()).isEqualTo(200);
      assertThat(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("{\"path\":\"/x\"}");
      assertThat(g.gateway.plugins().adminRoute("other")).isEmpty();
    }
  }
}
