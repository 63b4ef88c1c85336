package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.hook.Identity;
import dev.gatehouse.policy.View;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who a caller is: a credential wins over an argument, an argument counts only where trusted, and a
 * caller without an agent falls back (or not) by {@code deny_on_missing_agent}, the configured
 * default agent and the rules' {@code default} agent.
 */
class AgentsTest {
  private static final Identity ALPHA_KEY =
      new Identity("alpha", Map.of(IdentifiedBy.ATTRIBUTE, "api_key"));

  private static AgentRules rules(boolean denyOnMissing, boolean withDefault) {
    return AgentRulesTest.rules(
        """
        {"agents": {"alpha": {"allow": {"servers": ["a"]}},
                    "beta": {"allow": {"servers": ["b"]}},
                    "dev": {"allow": {"servers": ["a", "b"]}}%s},
         "defaults": {"deny_on_missing_agent": %s}}
        """
            .formatted(
                withDefault ? ", \"default\": {\"allow\": {\"servers\": [\"b\"]}}" : "",
                denyOnMissing));
  }

  private static Agents agents(
      boolean denyOnMissing, boolean withDefault, Optional<String> defaultAgent, boolean trust) {
    return Agents.of(
        rules(denyOnMissing, withDefault), new AgentSettings(defaultAgent, trust, false));
  }

  private static String servers(Agents agents, ResolvedAgent agent) {
    View view = agents.view(agent);
    return (view.server("a") ? "a" : "") + (view.server("b") ? "b" : "");
  }

  @Test
  void aCredentialWinsOverTheArgument() {
    Agents agents = agents(true, false, Optional.empty(), true);
    ResolvedAgent agent = agents.resolve(ALPHA_KEY, Optional.of("beta"));

    assertThat(agent.agent()).contains("alpha");
    assertThat(agent.by()).isEqualTo(IdentifiedBy.API_KEY);
    assertThat(agent.identity().name()).isEqualTo("alpha");
    assertThat(agent.identity().attributes()).containsEntry("identified_by", "api_key");
    assertThat(servers(agents, agent)).isEqualTo("a");
  }

  @Test
  void theArgumentNamesTheAgentOnlyWhereTrusted() {
    ResolvedAgent trusted =
        agents(true, false, Optional.empty(), true)
            .resolve(Identity.ANONYMOUS, Optional.of("beta"));
    assertThat(trusted.agent()).contains("beta");
    assertThat(trusted.by()).isEqualTo(IdentifiedBy.AGENT_ID_ARGUMENT);

    Agents untrusting = agents(true, false, Optional.empty(), false);
    ResolvedAgent ignored = untrusting.resolve(Identity.ANONYMOUS, Optional.of("beta"));
    assertThat(ignored.agent()).isEmpty();
    assertThat(ignored.by()).isEqualTo(IdentifiedBy.NONE);
    assertThat(ignored.identity()).isEqualTo(Identity.ANONYMOUS);
    assertThat(servers(untrusting, ignored)).isEmpty();
  }

  /**
   * Every combination for a caller without an agent: deny_on_missing_agent, a "default" agent in
   * the rules, a configured default agent (one the rules define, one they do not).
   */
  @ParameterizedTest(name = "deny={0} default-agent-in-rules={1} configured={2} -> {3} sees {4}")
  @CsvSource({
    "true,  false, ,        , ''",
    "true,  true,  ,        , ''",
    "true,  true,  dev,     , ''",
    "false, false, ,        , ''",
    "false, true,  ,        default, b",
    "false, true,  dev,     dev, ab",
    "false, false, dev,     dev, ab",
    "false, true,  nobody,  , ''",
  })
  void aCallerWithoutAnAgent(
      boolean denyOnMissing,
      boolean withDefault,
      String configured,
      String expectedAgent,
      String expectedServers) {
    Agents agents = agents(denyOnMissing, withDefault, Optional.ofNullable(configured), false);
    ResolvedAgent agent = agents.resolve(Identity.ANONYMOUS, Optional.empty());

    assertThat(agent.agent()).isEqualTo(Optional.ofNullable(expectedAgent));
    assertThat(agent.by())
        .isEqualTo(expectedAgent == null ? IdentifiedBy.NONE : IdentifiedBy.DEFAULT_AGENT);
    assertThat(servers(agents, agent)).isEqualTo(expectedServers);
    assertThat(agents.missingAgentDenied()).isEqualTo(expectedAgent == null);
  }

  @Test
  void anAgentTheRulesDoNotNameIsTreatedLikeAMissingOne() {
    Identity stranger = new Identity("stranger", Map.of(IdentifiedBy.ATTRIBUTE, "jwt"));
    Agents strict = agents(true, true, Optional.empty(), false);
    ResolvedAgent denied = strict.resolve(stranger, Optional.empty());
    assertThat(denied.agent()).contains("stranger");
    assertThat(servers(strict, denied)).isEmpty();

    Agents lenient = agents(false, true, Optional.empty(), false);
    assertThat(servers(lenient, lenient.resolve(stranger, Optional.empty()))).isEqualTo("b");
  }

  @Test
  void withoutRulesEveryCallerSeesEverythingButIsStillNamed() {
    Agents agents = Agents.unrestricted();
    ResolvedAgent alpha = agents.resolve(ALPHA_KEY, Optional.empty());
    assertThat(alpha.agent()).contains("alpha");
    assertThat(servers(agents, alpha)).isEqualTo("ab");
    assertThat(servers(agents, agents.resolve(Identity.ANONYMOUS, Optional.empty())))
        .isEqualTo("ab");
    assertThat(agents.missingAgentDenied()).isFalse();
  }

  @Test
  void anAuthenticatorThatSaysNothingOfHowIsACredential() {
    ResolvedAgent agent =
        agents(true, false, Optional.empty(), false)
            .resolve(new Identity("alpha", Map.of("role", "ops")), Optional.empty());
    assertThat(agent.by()).isEqualTo(IdentifiedBy.CREDENTIAL);
    assertThat(agent.identity().attributes())
        .containsEntry("role", "ops")
        .containsEntry("identified_by", "credential");
  }

  @Test
  void newRulesApplyToTheNextResolution() {
    Agents agents = agents(true, false, Optional.empty(), false);
    ResolvedAgent alpha = agents.resolve(ALPHA_KEY, Optional.empty());
    assertThat(servers(agents, alpha)).isEqualTo("a");

    agents.update(
        AgentRulesTest.rules("{\"agents\": {\"alpha\": {\"allow\": {\"servers\": [\"*\"]}}}}"),
        agents.settings());

    assertThat(servers(agents, alpha)).isEqualTo("ab");
  }

  @Test
  void anAgentKeepsOneViewUntilTheRulesChange() {
    Agents agents = agents(true, false, Optional.empty(), false);
    ResolvedAgent alpha = agents.resolve(ALPHA_KEY, Optional.empty());
    View first = agents.view(alpha);

    // A second request of the same agent: the same view, so lists made for it can be reused.
    assertThat(agents.view(agents.resolve(ALPHA_KEY, Optional.empty()))).isSameAs(first);

    agents.update(
        AgentRulesTest.rules("{\"agents\": {\"alpha\": {\"allow\": {\"servers\": [\"*\"]}}}}"),
        agents.settings());
    View after = agents.view(alpha);
    assertThat(after).isNotSameAs(first);
    assertThat(after.server("b")).isTrue();
  }

  @Test
  void anEndpointJoinedWithAnAgentGivesOneViewPerCaller() {
    Agents agents = agents(true, false, Optional.empty(), false);
    View endpoint = View.all();
    java.util.function.Function<dev.gatehouse.endpoint.Exchange, View> views =
        AgentLayer.of(agents, dev.gatehouse.hook.Hooks.none()).views(exchange -> endpoint);
    ResolvedAgent alpha = agents.resolve(ALPHA_KEY, Optional.empty());
    ResolvedAgent beta =
        agents.resolve(
            new Identity("beta", Map.of(IdentifiedBy.ATTRIBUTE, "api_key")), Optional.empty());

    View first = views.apply(new AgentExchange(null, alpha, agents.view(alpha)));
    View again = views.apply(new AgentExchange(null, alpha, agents.view(alpha)));
    View other = views.apply(new AgentExchange(null, beta, agents.view(beta)));

    assertThat(again).isSameAs(first);
    assertThat(other).isNotSameAs(first);
    assertThat(first.server("a")).isTrue();
    assertThat(first.server("b")).isFalse();
    assertThat(other.server("b")).isTrue();
  }
}
