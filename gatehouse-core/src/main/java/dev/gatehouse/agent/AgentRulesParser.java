package dev.gatehouse.agent;

import dev.gatehouse.store.AgentRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads agent-mcp-gateway's rules format, as is:
 *
 * <pre>{@code
 * {"agents": {"backend": {"allow": {"servers": ["postgres"],
 *                                   "tools": {"postgres": ["query", "list_*"]}},
 *                         "deny": {"tools": {"postgres": ["drop_*"]}}},
 *             "default": {"deny": {"servers": ["*"]}}},
 *  "defaults": {"deny_on_missing_agent": false}}
 * }</pre>
 *
 * A structural mistake (a wrong type, an unknown key inside an agent, a bad agent name) is an
 * {@link IllegalArgumentException} whose message names the place, such as {@code
 * agents."backend".allow.tools."postgres"[1] must be a string}. Servers the gateway does not have
 * are not mistakes; see {@link AgentRules#warnings}.
 */
public final class AgentRulesParser {
  private static final Set<String> AGENT_KEYS = Set.of("allow", "deny", "description");
  private static final Set<String> LIST_KEYS = Set.of("servers", "tools");
  private static final Set<String> DEFAULTS_KEYS = Set.of("deny_on_missing_agent");

  private AgentRulesParser() {}

  /**
   * Reads the {@code agents} and {@code defaults} of {@code root}; other keys are left alone (a
   * gateway config holds many).
   *
   * @throws IllegalArgumentException naming the place of the first mistake
   */
  public static AgentRules parse(JsonNode root) {
    if (!(root instanceof ObjectNode object)) {
      throw new IllegalArgumentException("the rules must be a JSON object");
    }
    JsonNode agents = object.get("agents");
    if (agents == null || agents.isNull()) {
      throw new IllegalArgumentException("\"agents\" is required: an object of agents by name");
    }
    if (!(agents instanceof ObjectNode byName)) {
      throw new IllegalArgumentException("\"agents\" must be an object of agents by name");
    }
    List<AgentRule> rules = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : byName.properties()) {
      rules.add(agent(entry.getKey(), entry.getValue()));
    }
    return AgentRules.of(rules, denyOnMissingAgent(object.get("defaults")));
  }

  private static boolean denyOnMissingAgent(JsonNode defaults) {
    if (defaults == null || defaults.isNull()) {
      return true;
    }
    if (!(defaults instanceof ObjectNode object)) {
      throw new IllegalArgumentException("\"defaults\" must be an object");
    }
    unknownKeys(object, DEFAULTS_KEYS, "defaults");
    JsonNode deny = object.get("deny_on_missing_agent");
    if (deny == null || deny.isNull()) {
      return true;
    }
    if (!deny.isBoolean()) {
      throw new IllegalArgumentException("defaults.deny_on_missing_agent must be true or false");
    }
    return deny.booleanValue();
  }

  private static AgentRule agent(String name, JsonNode node) {
    String at = "agents.\"" + name + "\"";
    if (!AgentRecord.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          at + ": agent names hold 1 to 64 letters, digits, '-', '_' and '.' (such as team.role)");
    }
    if (!(node instanceof ObjectNode entry)) {
      throw new IllegalArgumentException(at + " must be an object with \"allow\" and/or \"deny\"");
    }
    unknownKeys(entry, AGENT_KEYS, at);
    Lists allow = lists(entry.get("allow"), at + ".allow");
    Lists deny = lists(entry.get("deny"), at + ".deny");
    return new AgentRule(name, allow.servers, deny.servers, allow.tools, deny.tools);
  }

  private record Lists(NamePatterns servers, Map<String, NamePatterns> tools) {}

  private static Lists lists(JsonNode node, String at) {
    if (node == null || node.isNull()) {
      return new Lists(NamePatterns.NONE, Map.of());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(
          at + " must be an object with \"servers\" and/or \"tools\"");
    }
    unknownKeys(object, LIST_KEYS, at);
    NamePatterns servers = strings(object.get("servers"), at + ".servers");
    Map<String, NamePatterns> tools = new LinkedHashMap<>();
    JsonNode toolsNode = object.get("tools");
    if (toolsNode != null && !toolsNode.isNull()) {
      if (!(toolsNode instanceof ObjectNode byServer)) {
        throw new IllegalArgumentException(
            at + ".tools must be an object of tool lists by server name");
      }
      for (Map.Entry<String, JsonNode> entry : byServer.properties()) {
        tools.put(
            entry.getKey(), strings(entry.getValue(), at + ".tools.\"" + entry.getKey() + "\""));
      }
    }
    return new Lists(servers, tools);
  }

  private static NamePatterns strings(JsonNode node, String at) {
    if (node == null || node.isNull()) {
      return NamePatterns.NONE;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(at + " must be an array of names or patterns");
    }
    List<String> items = new ArrayList<>();
    int index = 0;
    for (JsonNode item : node) {
      if (!item.isString() || item.stringValue().isBlank()) {
        throw new IllegalArgumentException(at + "[" + index + "] must be a non-empty string");
      }
      items.add(item.stringValue().strip());
      index++;
    }
    return new NamePatterns(items);
  }

  private static void unknownKeys(ObjectNode object, Set<String> allowed, String at) {
    for (String key : object.propertyNames()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(
            at
                + " has an unknown key \""
                + key
                + "\" (expected "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }
}
