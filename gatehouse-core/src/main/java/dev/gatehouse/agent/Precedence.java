package dev.gatehouse.agent;

/**
 * The documented order in which an agent's rules decide about a server or a tool; the first step
 * with a matching rule decides.
 */
public enum Precedence {
  /** The name is listed in a {@code deny} list as it is. */
  EXPLICIT_DENY,
  /** The name is listed in an {@code allow} list as it is. */
  EXPLICIT_ALLOW,
  /** A {@code deny} pattern with a wildcard matches the name. */
  WILDCARD_DENY,
  /** An {@code allow} pattern with a wildcard matches the name. */
  WILDCARD_ALLOW,
  /**
   * No rule matched: a server is denied; a tool of an allowed server is allowed when the agent
   * lists no allowed tools for that server, denied when it does.
   */
  DEFAULT
}
