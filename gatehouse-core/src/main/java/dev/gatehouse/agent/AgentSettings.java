package dev.gatehouse.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * How callers become agents, besides the rules themselves.
 *
 * @param defaultAgent the agent a caller without one falls back to ({@code "default_agent"} or
 *     {@code GATEHOUSE_DEFAULT_AGENT}), before the rules' own {@code default} agent; only used when
 *     the rules do not deny a missing agent
 * @param trustAgentIdArgument whether a tool call's {@code agent_id} argument may name the agent
 *     when no credential does ({@code "trust_agent_id_argument"}); anyone can forge it
 * @param requireAuth whether every request needs a valid credential ({@code "require_auth"})
 */
public record AgentSettings(
    Optional<String> defaultAgent, boolean trustAgentIdArgument, boolean requireAuth) {

  public AgentSettings {
    Objects.requireNonNull(defaultAgent, "defaultAgent");
  }

  /** No default agent, arguments not trusted, credentials optional. */
  public static AgentSettings defaults() {
    return new AgentSettings(Optional.empty(), false, false);
  }
}
