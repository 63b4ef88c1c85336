package dev.gatehouse.agent;

import java.util.Objects;

/**
 * One decision of an agent's rules, with the step of the precedence that made it.
 *
 * @param allowed whether the agent may see and use the thing
 * @param by the step that decided
 * @param reason the rule that decided, for logs and status
 */
public record Access(boolean allowed, Precedence by, String reason) {

  public Access {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
  }
}
