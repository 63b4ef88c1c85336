package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.Gateway;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.client.ClientOptions;
import dev.gatehouse.client.GatewayClient;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.pipeline.ScriptedUpstream;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.upstream.UpstreamConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Agents on a gateway: each caller lists and calls only what its agent may use, hidden tools answer
 * like unknown ones, {@code agent_id} never reaches an upstream, and audit names the agent and how
 * it was identified.
 */
class AgentLayerTest {
  private static final String RULES =
      """
      {"agents": {"alpha": {"allow": {"servers": ["a"]}},
                  "beta": {"allow": {"servers": ["b"]}, "deny": {"tools": {"b": ["secret"]}}}},
       "defaults": {"deny_on_missing_agent": true}}
      """;

  private final ScriptedUpstream a =
      new ScriptedUpstream(UpstreamConfig.stdio("a", "unused", List.of()), "echo", "sum");
  private final ScriptedUpstream b =
      new ScriptedUpstream(UpstreamConfig.stdio("b", "unused", List.of()), "echo", "secret");
  private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
  private Gateway gateway;
  private Agents agents;

  private Gateway start(AgentSettings settings, DiscoverySettings discovery) {
    agents = Agents.of(AgentRulesTest.rules(RULES), settings);
    // Stands in for API keys: "Bearer key-NAME" identifies agent NAME.
    Hooks credentials =
        Hooks.builder()
            .authenticator(header ->
                header
                    .apply("Authorization")
                    .filter(v -> v.startsWith("Bearer key-"))
                    .map(v ->
                        new Identity(
                            v.substring("Bearer key-".length()),
                            Map.of(IdentifiedBy.ATTRIBUTE, "api_key"))))
            .build();
    gateway =
        Gateway.builder()
            .upstream(a.config())
            .upstream(b.config())
            .connector(c -> c.name().equals("a") ? a : b)
            .discovery(discovery)
            .agents(AgentLayer.of(agents, credentials))
            .hooks(Hooks.builder().audit(audit::add).build())
            .build()
            .start();
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.catalog().tools().size() == 4);
    return gateway;
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private GatewayClient client(String token) {
    return gateway.client(
        ClientOptions.defaults().withHeaders(Map.of("Authorization", "Bearer " + token)));
  }

  private static List<String> names(List<ObjectNode> tools) {
    return tools.stream().map(t -> t.path("name").asString()).toList();
  }

  @Test
  void eachAgentListsOnlyWhatItMayUse() {
    start(AgentSettings.defaults(), DiscoverySettings.flat());
    try (GatewayClient alpha = client("key-alpha");
        GatewayClient beta = client("key-beta");
        GatewayClient nobody = gateway.client()) {
      assertThat(names(alpha.listTools())).containsExactly("a_echo", "a_sum");
      assertThat(names(beta.listTools())).containsExactly("b_echo");
      assertThat(names(nobody.listTools())).isEmpty();
    }
  }

  @Test
  void aHiddenToolAnswersExactlyLikeAnUnknownOne() {
    start(AgentSettings.defaults(), DiscoverySettings.flat());
    try (GatewayClient beta = client("key-beta")) {
      GatewayException hidden =
          catchThrowableOfType(
              GatewayException.class, () -> beta.callTool("b_secret", Json.object()));
      GatewayException otherServer =
          catchThrowableOfType(
              GatewayException.class, () -> beta.callTool("a_echo", Json.object()));
      GatewayException unknown =
          catchThrowableOfType(
              GatewayException.class, () -> beta.callTool("b_nothing", Json.object()));

      assertThat(hidden.code()).isEqualTo(ErrorCode.TOOL_NOT_FOUND);
      assertThat(hidden.getMessage()).isEqualTo("Unknown tool: b_secret");
      assertThat(otherServer.getMessage()).isEqualTo("Unknown tool: a_echo");
      assertThat(unknown.code()).isEqualTo(hidden.code());
      assertThat(a.calls).isEmpty();
      assertThat(b.calls).isEmpty();
    }
  }

  @Test
  void aCredentialWinsOverTheAgentIdArgumentWhichNeverGoesUpstream() {
    start(new AgentSettings(Optional.empty(), true, false), DiscoverySettings.flat());
    try (GatewayClient alpha = client("key-alpha")) {
      GatewayException refused =
          catchThrowableOfType(
              GatewayException.class,
              () -> alpha.callTool("b_echo", Json.object().put("agent_id", "beta")));
      assertThat(refused.code()).isEqualTo(ErrorCode.TOOL_NOT_FOUND);

      alpha.callTool("a_echo", Json.object().put("agent_id", "beta").put("text", "hi"));
      assertThat(a.calls)
          .singleElement()
          .satisfies(params ->
              assertThat(Json.text(params.path("arguments"))).isEqualTo("{\"text\":\"hi\"}"));
    }
  }

  @Test
  void aTrustedArgumentNamesTheAgentOfACallerWithoutCredential() {
    start(new AgentSettings(Optional.empty(), true, false), DiscoverySettings.flat());
    try (GatewayClient anonymous = gateway.client()) {
      anonymous.callTool("b_echo", Json.object().put("agent_id", "beta").put("n", 1));
      GatewayException refused =
          catchThrowableOfType(
              GatewayException.class,
              () -> anonymous.callTool("b_echo", Json.object().put("agent_id", "alpha")));

      assertThat(refused.code()).isEqualTo(ErrorCode.TOOL_NOT_FOUND);
      assertThat(b.calls)
          .singleElement()
          .satisfies(
              params -> assertThat(Json.text(params.path("arguments"))).isEqualTo("{\"n\":1}"));
      assertThat(audit)
          .singleElement()
          .satisfies(record -> {
            assertThat(record.caller()).isEqualTo("beta");
            assertThat(record.identifiedBy()).isEqualTo("agent_id_argument");
          });
    }
  }

  @Test
  void anUntrustedArgumentIsIgnoredAndStillStripped() {
    start(new AgentSettings(Optional.empty(), false, false), DiscoverySettings.flat());
    agents.update(
        AgentRulesTest.rules(
            "{\"agents\": {\"default\": {\"allow\": {\"servers\": [\"a\"]}}},"
                + " \"defaults\": {\"deny_on_missing_agent\": false}}"),
        agents.settings());
    try (GatewayClient anonymous = gateway.client()) {
      assertThat(names(anonymous.listTools())).containsExactly("a_echo", "a_sum");
      anonymous.callTool("a_sum", Json.object().put("agent_id", "beta"));

      assertThat(a.calls)
          .singleElement()
          .satisfies(params -> assertThat(Json.text(params.path("arguments"))).isEqualTo("{}"));
      assertThat(audit)
          .singleElement()
          .satisfies(record -> {
            assertThat(record.caller()).isEqualTo("default");
            assertThat(record.identifiedBy()).isEqualTo("default_agent");
          });
    }
  }

  @Test
  void auditNamesTheAgentAndHowItWasIdentified() {
    start(AgentSettings.defaults(), DiscoverySettings.flat());
    try (GatewayClient alpha = client("key-alpha")) {
      alpha.callTool("a_echo", Json.object());
    }
    assertThat(audit)
        .singleElement()
        .satisfies(record -> {
          assertThat(record.caller()).isEqualTo("alpha");
          assertThat(record.identifiedBy()).isEqualTo("api_key");
        });
  }

  @Test
  void discoveryMetaToolsSeeTheAgentsViewAndExecuteToolStripsInnerAgentIds() {
    start(
        new AgentSettings(Optional.empty(), true, false),
        DiscoverySettings.of(EndpointMode.DISCOVERY));
    try (GatewayClient beta = client("key-beta")) {
      String found =
          Json.text(
              beta.callTool("search_tools", Json.object().put("query", "echo secret sum")).json());
      assertThat(found).contains("b_echo").doesNotContain("b_secret", "a_echo", "a_sum");

      ObjectNode args = Json.object().put("name", "b_echo").put("agent_id", "alpha");
      args.putObject("arguments").put("agent_id", "alpha").put("x", 1);
      beta.callTool("execute_tool", args);
      assertThat(b.calls)
          .singleElement()
          .satisfies(
              params -> assertThat(Json.text(params.path("arguments"))).isEqualTo("{\"x\":1}"));

      ObjectNode hidden = Json.object().put("name", "a_echo").put("agent_id", "alpha");
      assertThat(beta.callTool("execute_tool", hidden).isError()).isTrue();
      assertThat(a.calls).isEmpty();
    }
  }

  @Test
  void aSessionKeepsTheCredentialItWasOpenedWith() {
    start(AgentSettings.defaults(), DiscoverySettings.flat());
    AtomicReference<String> token = new AtomicReference<>("Bearer key-alpha");
    try (GatewayClient client =
        gateway.client(
            ClientOptions.defaults()
                .withHeaders(name ->
                    name.equalsIgnoreCase("Authorization")
                        ? Optional.of(token.get())
                        : Optional.empty()))) {
      assertThat(names(client.listTools())).containsExactly("a_echo", "a_sum");
      token.set("Bearer key-beta");
      GatewayException refused = catchThrowableOfType(GatewayException.class, client::listTools);
      assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(refused.getMessage()).contains("another credential");
    }
  }

  @Test
  void aReloadAppliesToTheNextRequestOfAnOpenSession() {
    start(AgentSettings.defaults(), DiscoverySettings.flat());
    try (GatewayClient alpha = client("key-alpha")) {
      assertThat(names(alpha.listTools())).containsExactly("a_echo", "a_sum");
      agents.update(
          AgentRulesTest.rules(
              "{\"agents\": {\"alpha\": {\"allow\": {\"servers\": [\"a\", \"b\"]}}}}"),
          agents.settings());
      assertThat(names(alpha.listTools())).containsExactly("a_echo", "a_sum", "b_echo", "b_secret");
    }
  }
}
