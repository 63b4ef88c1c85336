package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules format of agent-mcp-gateway and its documented precedence: explicit deny, explicit
 * allow, wildcard deny, wildcard allow, default; each line is decided by the first that matches.
 */
class AgentRulesTest {

  static AgentRules rules(String json) {
    return AgentRulesParser.parse(Json.parse(json));
  }

  static AgentRule agent(String json) {
    return rules("{\"agents\": {\"a\": " + json + "}}").agent("a").orElseThrow();
  }

  // --- servers, line by line

  @Test
  void anExplicitServerDenyBeatsAnExplicitAllowOfTheSameServer() {
    AgentRule rule =
        agent("{\"allow\": {\"servers\": [\"db\"]}, \"deny\": {\"servers\": [\"db\"]}}");
    check(rule.server("db"), false, Precedence.EXPLICIT_DENY);
  }

  @Test
  void anExplicitServerAllowBeatsAWildcardDeny() {
    AgentRule rule =
        agent("{\"allow\": {\"servers\": [\"db\"]}, \"deny\": {\"servers\": [\"*\"]}}");
    assertThat(rule.server("db").allowed()).isTrue();
    assertThat(rule.server("db").by()).isEqualTo(Precedence.EXPLICIT_ALLOW);
    check(rule.server("web"), false, Precedence.WILDCARD_DENY);
  }

  @Test
  void aWildcardServerDenyBeatsAWildcardAllow() {
    AgentRule rule =
        agent("{\"allow\": {\"servers\": [\"*\"]}, \"deny\": {\"servers\": [\"prod-*\"]}}");
    assertThat(rule.server("prod-db").by()).isEqualTo(Precedence.WILDCARD_DENY);
    assertThat(rule.server("prod-db").allowed()).isFalse();
    check(rule.server("dev-db"), true, Precedence.WILDCARD_ALLOW);
  }

  @Test
  void aServerNoRuleMentionsIsDeniedByDefault() {
    AgentRule rule = agent("{\"allow\": {\"servers\": [\"db\"]}}");
    check(rule.server("web"), false, Precedence.DEFAULT);
    assertThat(agent("{}").server("db").allowed()).isFalse();
  }

  // --- tools, line by line

  private static final String BACKEND =
      """
      {"allow": {"servers": ["postgres"],
                 "tools": {"postgres": ["query", "list_*", "drop_temp", "get_*"]}},
       "deny": {"tools": {"postgres": ["drop_*", "query", "get_secret*"]}}}
      """;

  @Test
  void anExplicitToolDenyBeatsAnExplicitAllow() {
    check(agent(BACKEND).tool("postgres", "query"), false, Precedence.EXPLICIT_DENY);
  }

  @Test
  void anExplicitToolAllowBeatsAWildcardDeny() {
    check(agent(BACKEND).tool("postgres", "drop_temp"), true, Precedence.EXPLICIT_ALLOW);
  }

  @Test
  void aWildcardToolDenyBeatsAWildcardAllow() {
    check(agent(BACKEND).tool("postgres", "drop_users"), false, Precedence.WILDCARD_DENY);
    check(agent(BACKEND).tool("postgres", "get_secret_key"), false, Precedence.WILDCARD_DENY);
  }

  @Test
  void aWildcardToolAllowLetsMatchingToolsThrough() {
    check(agent(BACKEND).tool("postgres", "list_tables"), true, Precedence.WILDCARD_ALLOW);
    check(agent(BACKEND).tool("postgres", "get_rows"), true, Precedence.WILDCARD_ALLOW);
  }

  @Test
  void aToolOutsideAnAllowListIsDeniedByDefault() {
    check(agent(BACKEND).tool("postgres", "vacuum"), false, Precedence.DEFAULT);
  }

  @Test
  void anAllowedServerWithoutAToolListAllowsAllItsToolsByDefault() {
    AgentRule rule =
        agent("{\"allow\": {\"servers\": [\"*\"]}, \"deny\": {\"tools\": {\"db\": [\"drop\"]}}}");
    check(rule.tool("db", "select"), true, Precedence.DEFAULT);
    check(rule.tool("web", "fetch"), true, Precedence.DEFAULT);
    check(rule.tool("db", "drop"), false, Precedence.EXPLICIT_DENY);
  }

  @Test
  void aToolOfADeniedServerIsDeniedWhateverItsToolRulesSay() {
    AgentRule rule =
        agent(
            "{\"allow\": {\"servers\": [\"*\"], \"tools\": {\"db\": [\"select\"]}},"
                + " \"deny\": {\"servers\": [\"db\"]}}");
    check(rule.tool("db", "select"), false, Precedence.EXPLICIT_DENY);
    AgentRule notListed = agent("{\"allow\": {\"tools\": {\"db\": [\"select\"]}}}");
    check(notListed.tool("db", "select"), false, Precedence.DEFAULT);
  }

  @Test
  void toolRulesUnderAServerPatternApplyToEveryServerItMatches() {
    AgentRule admin =
        agent(
            "{\"allow\": {\"servers\": [\"*\"], \"tools\": {\"*\": [\"*\"]}},"
                + " \"deny\": {\"tools\": {\"prod-*\": [\"delete_*\"], \"db\": [\"drop\"]}}}");
    assertThat(admin.tool("prod-files", "delete_all").allowed()).isFalse();
    assertThat(admin.tool("dev-files", "delete_all").allowed()).isTrue();
    assertThat(admin.tool("db", "drop").by()).isEqualTo(Precedence.EXPLICIT_DENY);
    check(admin.tool("db", "select"), true, Precedence.WILDCARD_ALLOW);
  }

  // --- the file

  @Test
  void theReadmeExampleReadsAsIs() {
    AgentRules rules =
        rules(
            """
            {"agents": {
               "researcher": {"allow": {"servers": ["brave-search"],
                                        "tools": {"brave-search": ["*"]}}},
               "backend": {"allow": {"servers": ["postgres"],
                                     "tools": {"postgres": ["query", "list_*"]}},
                           "deny": {"tools": {"postgres": ["drop_*", "truncate_*"]}}},
               "admin": {"allow": {"servers": ["*"], "tools": {"*": ["*"]}}},
               "team.frontend": {"allow": {"servers": ["brave-search"]}},
               "default": {"deny": {"servers": ["*"]}}},
             "defaults": {"deny_on_missing_agent": false}}
            """);
    assertThat(rules.agentNames())
        .containsExactly("researcher", "backend", "admin", "team.frontend", "default");
    assertThat(rules.denyOnMissingAgent()).isFalse();
    assertThat(rules.agent("researcher").orElseThrow().tool("brave-search", "web").allowed())
        .isTrue();
    assertThat(rules.agent("backend").orElseThrow().tool("postgres", "truncate_x").allowed())
        .isFalse();
    assertThat(rules.agent("admin").orElseThrow().tool("anything", "at_all").allowed()).isTrue();
    assertThat(rules.agent("default").orElseThrow().server("postgres").allowed()).isFalse();
  }

  @Test
  void denyOnMissingAgentDefaultsToTrue() {
    assertThat(rules("{\"agents\": {}}").denyOnMissingAgent()).isTrue();
    assertThat(rules("{\"agents\": {}, \"defaults\": {}}").denyOnMissingAgent()).isTrue();
  }

  @Test
  void unknownServersAreWarningsNotErrors() {
    AgentRules rules =
        rules(
            "{\"agents\": {\"a\": {\"allow\": {\"servers\": [\"db\", \"gone\", \"x-*\"],"
                + " \"tools\": {\"old\": [\"t\"]}}}}}");
    assertThat(rules.warnings(List.of("db"), Optional.of("nobody")))
        .containsExactly(
            "agent \"a\" references undefined server \"gone\"; its rules apply once the server is"
                + " added",
            "agent \"a\" references undefined server \"old\"; its rules apply once the server is"
                + " added",
            "the default agent \"nobody\" is not defined in the rules; callers without an agent"
                + " get nothing");
  }

  @Test
  void structuralMistakesNameTheirPlace() {
    assertError("[]", "the rules must be a JSON object");
    assertError("{}", "\"agents\" is required");
    assertError("{\"agents\": []}", "\"agents\" must be an object");
    assertError("{\"agents\": {\"bad name\": {}}}", "agents.\"bad name\": agent names hold");
    assertError(
        "{\"agents\": {\"a\": {\"alow\": {}}}}", "agents.\"a\" has an unknown key \"alow\"");
    assertError(
        "{\"agents\": {\"a\": {\"allow\": {\"servers\": \"db\"}}}}",
        "agents.\"a\".allow.servers must be an array");
    assertError(
        "{\"agents\": {\"a\": {\"deny\": {\"tools\": {\"db\": [\"x\", 3]}}}}}",
        "agents.\"a\".deny.tools.\"db\"[1] must be a non-empty string");
    assertError(
        "{\"agents\": {}, \"defaults\": {\"deny_on_missing_agent\": \"yes\"}}",
        "defaults.deny_on_missing_agent must be true or false");
  }

  private static void assertError(String json, String message) {
    assertThatThrownBy(() -> rules(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static void check(Access access, boolean allowed, Precedence by) {
    assertThat(access.allowed()).as(access.reason()).isEqualTo(allowed);
    assertThat(access.by()).as(access.reason()).isEqualTo(by);
  }
}
