package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.Main;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.it.peers.NodePeers;
import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance, tried as a new user would: two copies of server-everything ({@code a} and
 * {@code b}), a rules file giving {@code alpha} server a and {@code beta} server b without {@code
 * get-env}, keys made with {@code gatehouse agent key create}, and the TypeScript SDK's client
 * presenting them.
 */
class AgentsAcceptanceTest {
  private static final String RULES =
      """
      {"agents": {
         "alpha": {"allow": {"servers": ["a"]}},
         "beta": {"allow": {"servers": ["b"]}, "deny": {"tools": {"b": ["get-env"]}}}},
       "defaults": {"deny_on_missing_agent": true}}
      """;

  @TempDir static Path dir;
  private static Path config;
  private static Path rules;
  private static Daemon daemon;
  private static AdminApi admin;

  @BeforeAll
  static void start() throws Exception {
    rules = Files.writeString(dir.resolve("rules.json"), RULES);
    String server =
        "{\"command\": \"%s\", \"args\": [\"%s\", \"stdio\"]}"
            .formatted(NodePeers.node(), NodePeers.everything());
    config =
        Files.writeString(
            dir.resolve("gatehouse.json"),
            """
            {"port": 0, "store": "sqlite:%s", "rules_file": "rules.json",
             "policy": {"audit": "%s"},
             "mcpServers": {"a": %s, "b": %s}}
            """
                .formatted(
                    dir.resolve("gatehouse.db"), dir.resolve("audit.jsonl"), server, server));
    daemon =
        Daemon.start(new ConfigLocator(Map.of(), dir).load(Optional.of(config)), Optional.of(dir));
    admin = new AdminApi(daemon.baseUri());
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() ->
            daemon.gateway().catalog().tools().stream()
                .map(ToolEntry::name)
                .toList()
                .containsAll(List.of("a_echo", "b_echo", "b_get-env")));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** {@code gatehouse agent key create NAME --config FILE}: the key is stdout's last line. */
  private static String createKey(String agent) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("agent", "key", "create", agent, "--config", config.toString());
    assertThat(code).isZero();
    return out.toString().lines().reduce((first, second) -> second).orElseThrow();
  }

  private static JsonNode client(String key, String calls) throws Exception {
    String out =
        NodePeers.runClient(
            "ts-sdk-v1-agent.mjs", Duration.ofMinutes(2), daemon.mcpUri().toString(), key, calls);
    return Json.parse(out.lines().reduce((first, second) -> second).orElseThrow());
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asString()));
    return names;
  }

  @Test
  void agentsSeeTheirOwnServersAndRuleChangesApplyWhileRunning() throws Exception {
    String alphaKey = createKey("alpha");
    String betaKey = createKey("beta");

    // Each key's client lists only what its agent may use.
    JsonNode alpha = client(alphaKey, "[]");
    assertThat(names(alpha.path("tools"))).isNotEmpty().allMatch(n -> n.startsWith("a_"));
    assertThat(names(alpha.path("tools"))).contains("a_echo", "a_get-env");
    assertThat(names(alpha.path("prompts"))).isNotEmpty().allMatch(n -> n.startsWith("a_"));
    assertThat(names(alpha.path("resources"))).isNotEmpty().noneMatch(n -> n.startsWith("b+"));
    JsonNode beta = client(betaKey, "[]");
    assertThat(names(beta.path("tools")))
        .isNotEmpty()
        .allMatch(n -> n.startsWith("b_"))
        .contains("b_echo")
        .doesNotContain("b_get-env");

    // A client without a key is refused.
    JsonNode nobody = client("-", "[]");
    assertThat(nobody.path("refused").path("code").asInt()).isEqualTo(401);

    // alpha's key naming beta in the arguments still cannot reach b; its own tools work.
    JsonNode forged =
        client(
            alphaKey,
            """
            [{"name": "b_echo", "arguments": {"agent_id": "beta", "message": "hi"}},
             {"name": "a_echo", "arguments": {"agent_id": "beta", "message": "hi"}}]
            """);
    assertThat(forged.path("results").get(0).path("error").path("message").asString())
        .contains("Unknown tool: b_echo");
    assertThat(forged.path("results").get(1).path("content").get(0).path("text").asString())
        .contains("hi");

    // Giving alpha b too takes effect while the gateway runs, without a restart.
    Files.writeString(
        rules,
        RULES.replace(
            "\"alpha\": {\"allow\": {\"servers\": [\"a\"]}}",
            "\"alpha\": {\"allow\": {\"servers\": [\"a\", \"b\"]}}"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            admin
                    .get("/admin/status")
                    .path("reload")
                    .path("gateway_rules")
                    .path("success_count")
                    .asInt()
                >= 2);
    assertThat(names(client(alphaKey, "[]").path("tools"))).contains("a_echo", "b_echo");

    // Broken JSON is refused: the last good rules stay and status shows the error.
    Files.writeString(rules, "{\"agents\": {\"alpha\": {\"allow\": ");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            !admin
                .get("/admin/status")
                .path("reload")
                .path("gateway_rules")
                .path("last_error")
                .isNull());
    assertThat(
            admin
                .get("/admin/status")
                .path("reload")
                .path("gateway_rules")
                .path("last_error")
                .asString())
        .contains("is not valid JSON");
    assertThat(names(client(alphaKey, "[]").path("tools"))).contains("a_echo", "b_echo");

    // Every audit line names the agent and how it was identified.
    List<JsonNode> audit =
        Files.readAllLines(dir.resolve("audit.jsonl")).stream().map(Json::parse).toList();
    assertThat(audit)
        .isNotEmpty()
        .allSatisfy(line -> {
          assertThat(line.path("caller").asString()).isEqualTo("alpha");
          assertThat(line.path("identified_by").asString()).isEqualTo("api_key");
        });
  }
}
