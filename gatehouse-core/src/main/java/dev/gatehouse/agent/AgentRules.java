package dev.gatehouse.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every agent's rules and the {@code defaults}, as one rules file (or the config's inline {@code
 * agents}) says. Immutable: a reload builds new rules and swaps them in. {@link #none()} is the
 * gateway without rules, where every caller sees everything its endpoint shows.
 */
public final class AgentRules {
  /** The agent that a caller without one falls back to, when the defaults allow falling back. */
  public static final String DEFAULT_AGENT = "default";

  private static final AgentRules NONE = new AgentRules(false, Map.of(), true);

  private final boolean configured;
  private final Map<String, AgentRule> agents;
  private final boolean denyOnMissingAgent;

  private AgentRules(boolean configured, Map<String, AgentRule> agents, boolean denyOnMissing) {
    this.configured = configured;
    this.agents = agents;
    this.denyOnMissingAgent = denyOnMissing;
  }

  /** No rules: nothing is restricted by agent. */
  public static AgentRules none() {
    return NONE;
  }

  /**
   * @param agents each agent's rule, in file order
   * @param denyOnMissingAgent {@code defaults.deny_on_missing_agent}: a caller without an agent
   *     gets nothing, rather than the default agent's rules
   */
  public static AgentRules of(Collection<AgentRule> agents, boolean denyOnMissingAgent) {
    Map<String, AgentRule> byName = new LinkedHashMap<>();
    agents.forEach(rule -> byName.put(rule.name(), rule));
    return new AgentRules(true, java.util.Collections.unmodifiableMap(byName), denyOnMissingAgent);
  }

  /** Whether rules are in force at all. */
  public boolean configured() {
    return configured;
  }

  public Optional<AgentRule> agent(String name) {
    return Optional.ofNullable(agents.get(name));
  }

  /** The agents named, in file order. */
  public List<String> agentNames() {
    return List.copyOf(agents.keySet());
  }

  public boolean denyOnMissingAgent() {
    return denyOnMissingAgent;
  }

  /**
   * What is worth telling about these rules without refusing them: servers they name that the
   * gateway does not have (their rules apply once such a server is added), and a default agent the
   * rules do not define.
   */
  public List<String> warnings(Collection<String> knownServers, Optional<String> defaultAgent) {
    List<String> warnings = new ArrayList<>();
    if (!configured) {
      return warnings;
    }
    Set<String> known = new HashSet<>(knownServers);
    for (AgentRule rule : agents.values()) {
      for (String server : rule.serversNamed()) {
        if (!known.contains(server)) {
          warnings.add(
              "agent \""
                  + rule.name()
                  + "\" references undefined server \""
                  + server
                  + "\"; its rules apply once the server is added");
        }
      }
    }
    defaultAgent
        .filter(name -> !agents.containsKey(name))
        .ifPresent(name ->
            warnings.add(
                "the default agent \""
                    + name
                    + "\" is not defined in the rules; callers without an agent get nothing"));
    return warnings;
  }
}
