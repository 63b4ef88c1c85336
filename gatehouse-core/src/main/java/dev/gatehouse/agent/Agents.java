package dev.gatehouse.agent;

import dev.gatehouse.hook.Identity;
import dev.gatehouse.policy.View;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent rules in force and how callers become agents. Rules and settings are swapped whole on
 * reload ({@link #update}); a request reads them once, so it never sees half of a change.
 *
 * <p>A caller's agent comes from its credential first. Without one, the {@code agent_id} argument
 * of a tool call names it where {@link AgentSettings#trustAgentIdArgument()} allows. Without
 * either, the caller is a missing agent: with {@code defaults.deny_on_missing_agent} it gets
 * nothing; otherwise it falls back to the configured default agent, else the rules' {@code default}
 * agent, else nothing. An agent the rules do not name is treated like a missing one.
 */
public final class Agents {
  /** What every caller sees without rules; one instance, so it can be recognised. */
  static final View EVERYTHING = View.all();

  /** What a caller whose agent the rules do not allow sees; one instance, like EVERYTHING. */
  private static final View NOTHING = View.none();

  /**
   * The rules and settings in force, with the view of each agent made once per rule: a view that
   * stays the same object from request to request lets the gateway reuse the lists it made for it.
   */
  private record State(
      AgentRules rules, AgentSettings settings, ConcurrentHashMap<AgentRule, View> views) {
    State(AgentRules rules, AgentSettings settings) {
      this(rules, settings, new ConcurrentHashMap<>());
    }
  }

  private volatile State state;

  private Agents(AgentRules rules, AgentSettings settings) {
    this.state = new State(rules, settings);
  }

  public static Agents of(AgentRules rules, AgentSettings settings) {
    return new Agents(Objects.requireNonNull(rules), Objects.requireNonNull(settings));
  }

  /** No rules and default settings: every caller sees everything. */
  public static Agents unrestricted() {
    return of(AgentRules.none(), AgentSettings.defaults());
  }

  public AgentRules rules() {
    return state.rules();
  }

  public AgentSettings settings() {
    return state.settings();
  }

  /** Puts new rules and settings in force for every request that starts from now on. */
  public void update(AgentRules rules, AgentSettings settings) {
    state = new State(Objects.requireNonNull(rules), Objects.requireNonNull(settings));
  }

  /**
   * The agent of a request.
   *
   * @param credential who the authenticators found; anonymous when no credential identified it
   * @param argument the {@code agent_id} argument of a tool call, if it had one
   */
  public ResolvedAgent resolve(Identity credential, Optional<String> argument) {
    State current = state;
    if (!credential.isAnonymous()) {
      IdentifiedBy by = IdentifiedBy.of(credential);
      return ResolvedAgent.of(credential.name(), by, credential.attributes());
    }
    if (current.settings().trustAgentIdArgument() && argument.isPresent()) {
      return ResolvedAgent.of(argument.get(), IdentifiedBy.AGENT_ID_ARGUMENT, Map.of());
    }
    return fallback(current)
        .map(name -> ResolvedAgent.of(name, IdentifiedBy.DEFAULT_AGENT, Map.of()))
        .orElseGet(ResolvedAgent::none);
  }

  /** What a resolved agent may see, by the rules in force. */
  public View view(ResolvedAgent agent) {
    State current = state;
    AgentRules rules = current.rules();
    if (!rules.configured()) {
      return EVERYTHING;
    }
    Optional<AgentRule> rule = agent.agent().flatMap(rules::agent);
    if (rule.isEmpty()) {
      // An agent the rules do not name is treated like a missing one.
      rule = fallback(current).flatMap(rules::agent);
    }
    return rule.map(found -> current.views().computeIfAbsent(found, AgentView::new))
        .orElse(NOTHING);
  }

  /** The agent a caller without one gets, if the rules allow falling back and one exists. */
  public Optional<String> fallbackAgent() {
    return fallback(state);
  }

  /** Whether a caller without an agent gets nothing under the rules in force. */
  public boolean missingAgentDenied() {
    State current = state;
    return current.rules().configured() && fallback(current).isEmpty();
  }

  private static Optional<String> fallback(State state) {
    AgentRules rules = state.rules();
    if (!rules.configured() || rules.denyOnMissingAgent()) {
      return Optional.empty();
    }
    Optional<String> configured = state.settings().defaultAgent();
    if (configured.isPresent()) {
      // A configured default the rules do not define gives nothing, rather than another agent's.
      return configured.filter(name -> rules.agent(name).isPresent());
    }
    return rules.agent(AgentRules.DEFAULT_AGENT).map(AgentRule::name);
  }
}
