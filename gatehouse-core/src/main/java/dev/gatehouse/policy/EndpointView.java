package dev.gatehouse.policy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The static access rules of one endpoint: each server's allow/deny on the namespaced and original
 * names, and for a group endpoint its members and the group's own allow/deny on top.
 *
 * @param serverRules allow/deny per server name; a server without an entry permits everything
 * @param members for a group, the servers it includes; empty for the main endpoint (all servers)
 * @param groupRules the group's own allow/deny
 */
public record EndpointView(
    Map<String, AllowDeny> serverRules, Optional<Set<String>> members, AllowDeny groupRules)
    implements View {

  public EndpointView {
    serverRules = Map.copyOf(serverRules);
    members = members.map(Set::copyOf);
  }

  /** The main endpoint: every server, each under its own rules. */
  public static EndpointView main(Map<String, AllowDeny> serverRules) {
    return new EndpointView(serverRules, Optional.empty(), AllowDeny.all());
  }

  @Override
  public boolean server(String server) {
    return members.map(m -> m.contains(server)).orElse(true);
  }

  @Override
  public boolean hidesAnything(String server) {
    return !serverRules.getOrDefault(server, AllowDeny.all()).permitsEverything()
        || !groupRules.permitsEverything();
  }

  @Override
  public boolean tool(String server, String exposedName, String originalName) {
    return server(server)
        && serverRules.getOrDefault(server, AllowDeny.all()).permits(exposedName, originalName)
        && groupRules.permits(exposedName, originalName);
  }
}
