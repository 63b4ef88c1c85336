package dev.gatehouse.agent;

import dev.gatehouse.policy.View;

/**
 * What one agent's rules let it see: the servers its rules allow, and of those the tools allowed by
 * their upstream names. Prompts and resources follow the server. Combined with the endpoint's own
 * view, so that server, group and agent rules must all allow.
 */
final class AgentView implements View {
  private final AgentRule rule;

  AgentView(AgentRule rule) {
    this.rule = rule;
  }

  @Override
  public boolean server(String server) {
    return rule.server(server).allowed();
  }

  @Override
  public boolean tool(String server, String exposedName, String originalName) {
    return rule.tool(server, originalName).allowed();
  }

  @Override
  public boolean prompt(String server, String exposedName, String originalName) {
    return server(server);
  }

  @Override
  public String toString() {
    return "view of " + rule;
  }
}
