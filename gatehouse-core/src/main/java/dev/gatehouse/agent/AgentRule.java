package dev.gatehouse.agent;

import dev.gatehouse.policy.Glob;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one agent may use, as its entry in the rules file says: {@code allow} and {@code deny}, each
 * with {@code servers} (names or patterns) and {@code tools} (per server name or server pattern,
 * the upstream's own tool names or patterns). Decisions follow the documented precedence: explicit
 * deny, explicit allow, wildcard deny, wildcard allow, default ({@link Precedence}). A tool is
 * reachable only on a server the agent may use.
 */
public final class AgentRule {
  private final String name;
  private final NamePatterns allowServers;
  private final NamePatterns denyServers;
  private final Map<String, NamePatterns> allowTools;
  private final Map<String, NamePatterns> denyTools;
  private final List<ServerKey> allowKeys;
  private final List<ServerKey> denyKeys;

  /** A key of a {@code tools} map: a server name, or a pattern over server names. */
  private record ServerKey(String key, Optional<Glob> pattern, NamePatterns tools) {
    boolean applies(String server) {
      return pattern.map(p -> p.matches(server)).orElse(key.equals(server));
    }
  }

  AgentRule(
      String name,
      NamePatterns allowServers,
      NamePatterns denyServers,
      Map<String, NamePatterns> allowTools,
      Map<String, NamePatterns> denyTools) {
    this.name = Objects.requireNonNull(name, "name");
    this.allowServers = allowServers;
    this.denyServers = denyServers;
    this.allowTools = new LinkedHashMap<>(allowTools);
    this.denyTools = new LinkedHashMap<>(denyTools);
    this.allowKeys = keys(allowTools);
    this.denyKeys = keys(denyTools);
  }

  private static List<ServerKey> keys(Map<String, NamePatterns> tools) {
    return tools.entrySet().stream()
        .map(e ->
            new ServerKey(
                e.getKey(),
                NamePatterns.isWildcard(e.getKey())
                    ? Optional.of(Glob.of(e.getKey()))
                    : Optional.empty(),
                e.getValue()))
        .toList();
  }

  public String name() {
    return name;
  }

  /** Whether, and why, the agent may use {@code server} at all. */
  public Access server(String server) {
    if (denyServers.names(server)) {
      return new Access(false, Precedence.EXPLICIT_DENY, "deny.servers lists \"" + server + "\"");
    }
    if (allowServers.names(server)) {
      return new Access(true, Precedence.EXPLICIT_ALLOW, "allow.servers lists \"" + server + "\"");
    }
    var denied = denyServers.wildcardMatch(server);
    if (denied.isPresent()) {
      return new Access(
          false, Precedence.WILDCARD_DENY, "deny.servers pattern \"" + denied.get() + "\"");
    }
    var allowed = allowServers.wildcardMatch(server);
    if (allowed.isPresent()) {
      return new Access(
          true, Precedence.WILDCARD_ALLOW, "allow.servers pattern \"" + allowed.get() + "\"");
    }
    return new Access(false, Precedence.DEFAULT, "no rule allows server \"" + server + "\"");
  }

  /**
   * Whether, and why, the agent may see and call {@code tool} of {@code server}.
   *
   * @param tool the upstream's own name for the tool, without the gateway's prefix
   */
  public Access tool(String server, String tool) {
    Access serverAccess = server(server);
    if (!serverAccess.allowed()) {
      return serverAccess;
    }
    NamePatterns deny = toolsFor(denyKeys, server);
    NamePatterns allow = toolsFor(allowKeys, server);
    String where = " for \"" + server + "\"";
    if (deny.names(tool)) {
      return new Access(
          false, Precedence.EXPLICIT_DENY, "deny.tools" + where + " lists \"" + tool + "\"");
    }
    if (allow.names(tool)) {
      return new Access(
          true, Precedence.EXPLICIT_ALLOW, "allow.tools" + where + " lists \"" + tool + "\"");
    }
    var denied = deny.wildcardMatch(tool);
    if (denied.isPresent()) {
      return new Access(
          false,
          Precedence.WILDCARD_DENY,
          "deny.tools" + where + " pattern \"" + denied.get() + "\"");
    }
    var allowed = allow.wildcardMatch(tool);
    if (allowed.isPresent()) {
      return new Access(
          true,
          Precedence.WILDCARD_ALLOW,
          "allow.tools" + where + " pattern \"" + allowed.get() + "\"");
    }
    if (allow.isEmpty()) {
      return new Access(
          true, Precedence.DEFAULT, "server allowed with no tool list" + where + ": all tools");
    }
    return new Access(
        false, Precedence.DEFAULT, "allow.tools" + where + " does not list \"" + tool + "\"");
  }

  /** Every server this rule names as it is (not by pattern): what unknown-server warnings check. */
  public Set<String> serversNamed() {
    Set<String> named = new LinkedHashSet<>();
    allowServers.written().stream().filter(s -> !NamePatterns.isWildcard(s)).forEach(named::add);
    denyServers.written().stream().filter(s -> !NamePatterns.isWildcard(s)).forEach(named::add);
    allowTools.keySet().stream().filter(s -> !NamePatterns.isWildcard(s)).forEach(named::add);
    denyTools.keySet().stream().filter(s -> !NamePatterns.isWildcard(s)).forEach(named::add);
    return named;
  }

  /** The tool rules of every key of a {@code tools} map that names or matches the server. */
  private static NamePatterns toolsFor(List<ServerKey> keys, String server) {
    NamePatterns all = NamePatterns.NONE;
    for (ServerKey key : keys) {
      if (key.applies(server)) {
        all = all.plus(key.tools());
      }
    }
    return all;
  }

  @Override
  public String toString() {
    return "agent " + name;
  }
}
