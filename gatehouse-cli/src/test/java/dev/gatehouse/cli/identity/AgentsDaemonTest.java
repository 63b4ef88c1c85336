package dev.gatehouse.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.Main;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.client.ClientOptions;
import dev.gatehouse.client.GatewayClient;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.testkit.Content;
import dev.gatehouse.testkit.FakeUpstreamExtension;
import dev.gatehouse.testkit.Schema;
import dev.gatehouse.testkit.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The daemon with a rules file, API keys made with the CLI and two upstreams: 401 and the resource
 * metadata over HTTP, per-agent listings, hot reload of the rules and of {@code mcpServers}, a
 * broken file refused with the last good rules kept and the error in {@code /admin/status}.
 */
class AgentsDaemonTest {
  private static final String RULES =
      """
      {"agents": {"alpha": {"allow": {"servers": ["a"]}},
                  "beta": {"allow": {"servers": ["b"]}, "deny": {"tools": {"b": ["drop"]}}}},
       "defaults": {"deny_on_missing_agent": true}}
      """;

  @RegisterExtension static final FakeUpstreamExtension a = upstream("a", "echo", "sum");

  @RegisterExtension static final FakeUpstreamExtension b = upstream("b", "echo", "drop");

  @RegisterExtension static final FakeUpstreamExtension c = upstream("c", "ping");

  private static FakeUpstreamExtension upstream(String name, String... tools) {
    return FakeUpstreamExtension.of(() -> {
      var builder = TestServer.builder().serverInfo(name, "1");
      for (String tool : tools) {
        builder.tool(
            tool,
            "the " + tool + " tool",
            Schema.empty(),
            (args, ctx) -> Content.textResult(name + ":" + tool + " " + Json.text(args)));
      }
      return builder.build();
    });
  }

  @TempDir Path dir;
  private Daemon daemon;
  private Path config;
  private Path rules;
  private final HttpClient http = HttpClient.newHttpClient();

  private Daemon start(String extra) throws Exception {
    rules = Files.writeString(dir.resolve("rules.json"), RULES);
    config = dir.resolve("gatehouse.json");
    Files.writeString(config, configText(List.of("a", "b"), extra));
    daemon =
        Daemon.start(new ConfigLocator(Map.of(), dir).load(Optional.of(config)), Optional.of(dir));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> daemon.gateway().catalog().tools().size() == 4);
    return daemon;
  }

  private String configText(List<String> servers, String extra) {
    StringBuilder block = new StringBuilder();
    for (String name : servers) {
      FakeUpstreamExtension upstream = name.equals("a") ? a : name.equals("b") ? b : c;
      if (!block.isEmpty()) {
        block.append(", ");
      }
      block
          .append("\"")
          .append(name)
          .append("\": {\"url\": \"")
          .append(upstream.url())
          .append("\", \"transport\": \"http\"}");
    }
    return "{\"port\": 0, \"store\": \"sqlite:"
        + dir.resolve("gatehouse.db")
        + "\", \"rules_file\": \"rules.json\""
        + extra
        + ", \"mcpServers\": {"
        + block
        + "}}";
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** {@code gatehouse agent key create NAME}, in-process; the key is the last line of stdout. */
  private String createKey(String agent) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int code = cli.execute("agent", "key", "create", agent, "--config", config.toString());
    assertThat(code).isZero();
    List<String> lines = out.toString().lines().toList();
    return lines.getLast();
  }

  private List<String> tools(String key) {
    try (GatewayClient client =
        daemon
            .gateway()
            .client(
                ClientOptions.defaults().withHeaders(Map.of("Authorization", "Bearer " + key)))) {
      return client.listTools().stream().map(t -> t.path("name").asString()).toList();
    }
  }

  private List<String> anonymousTools() {
    try (GatewayClient client = daemon.gateway().client()) {
      return client.listTools().stream().map(t -> t.path("name").asString()).toList();
    }
  }

  private HttpResponse<String> initialize(Optional<String> authorization) throws Exception {
    ObjectNode params = Json.object().put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "t").put("version", "1");
    ObjectNode body = Json.object().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize");
    body.set("params", params);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(daemon.mcpUri())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(Json.text(body)));
    authorization.ifPresent(v -> request.header("Authorization", v));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String path) throws Exception {
    return Json.parse(
        http.send(
                HttpRequest.newBuilder(daemon.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  @Test
  void withKeysAndStrictRulesARequestWithoutAKeyGets401AndTheMetadataDocument() throws Exception {
    start("");
    // Before any key exists nobody could present one: callers are let in and see nothing.
    assertThat(initialize(Optional.empty()).statusCode()).isEqualTo(200);
    String alpha = createKey("alpha");

    HttpResponse<String> refused = initialize(Optional.empty());
    assertThat(refused.statusCode()).isEqualTo(401);
    String expectedMetadata =
        "http://127.0.0.1:" + daemon.port() + "/.well-known/oauth-protected-resource/mcp";
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer resource_metadata=\"" + expectedMetadata + "\"");

    HttpResponse<String> badKey = initialize(Optional.of("Bearer gh_not-a-key"));
    assertThat(badKey.statusCode()).isEqualTo(401);
    assertThat(badKey.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"invalid_token\"");

    assertThat(initialize(Optional.of("Bearer " + alpha)).statusCode()).isEqualTo(200);

    JsonNode document = get("/.well-known/oauth-protected-resource/mcp");
    assertThat(document.path("resource").asString())
        .isEqualTo("http://127.0.0.1:" + daemon.port() + "/mcp");
    assertThat(document.path("bearer_methods_supported").get(0).asString()).isEqualTo("header");
    assertThat(get("/.well-known/oauth-protected-resource").path("resource").asString())
        .isEqualTo("http://127.0.0.1:" + daemon.port());
  }

  @Test
  void eachKeyListsWhatItsAgentMayUseAndEditsToTheRulesApplyWhileRunning() throws Exception {
    start("");
    String alpha = createKey("alpha");
    String beta = createKey("beta");
    assertThat(tools(alpha)).containsExactly("a_echo", "a_sum");
    assertThat(tools(beta)).containsExactly("b_echo");

    Files.writeString(rules, RULES.replace("\"servers\": [\"a\"]", "\"servers\": [\"a\", \"b\"]"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tools(alpha).equals(List.of("a_echo", "a_sum", "b_echo", "b_drop")));

    Files.writeString(rules, "{\"agents\": {\"alpha\": ");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            !get("/admin/status").path("reload").path("gateway_rules").path("last_error").isNull());
    JsonNode status = get("/admin/status").path("reload").path("gateway_rules");
    assertThat(status.path("last_error").asString())
        .contains("rules file", "rules.json", "is not valid JSON");
    assertThat(status.path("last_success").isNull()).isFalse();
    // The last good rules stay in force.
    assertThat(tools(alpha)).containsExactly("a_echo", "a_sum", "b_echo", "b_drop");
    assertThat(tools(beta)).containsExactly("b_echo");

    Files.writeString(rules, RULES);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            get("/admin/status").path("reload").path("gateway_rules").path("last_error").isNull());
    assertThat(tools(alpha)).containsExactly("a_echo", "a_sum");
  }

  @Test
  void aChangedMcpServersBlockConnectsTheNewServerAndRulesNamingItStopWarning() throws Exception {
    start("");
    String alpha = createKey("alpha");
    Files.writeString(rules, RULES.replace("\"servers\": [\"a\"]", "\"servers\": [\"a\", \"c\"]"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            get("/admin/status")
                .path("reload")
                .path("gateway_rules")
                .path("warnings")
                .toString()
                .contains("undefined server \\\"c\\\""));

    Files.writeString(config, configText(List.of("a", "b", "c"), ""));
    await().atMost(Duration.ofSeconds(30)).until(() -> tools(alpha).contains("c_ping"));
    assertThat(tools(alpha)).containsExactly("a_echo", "a_sum", "c_ping");
    JsonNode status = get("/admin/status");
    assertThat(status.path("reload").path("mcp_config").path("success_count").asInt())
        .isGreaterThanOrEqualTo(2);
    assertThat(status.path("agents").path("agent_ids").toString()).contains("alpha", "beta");

    Files.writeString(config, "{\"port\": 0, \"mcpServers\": {\"bad name\": {}}}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            !get("/admin/status").path("reload").path("mcp_config").path("last_error").isNull());
    assertThat(tools(alpha)).containsExactly("a_echo", "a_sum", "c_ping");
  }

  @Test
  void aForcedReloadReadsTheFilesAtOnce() throws Exception {
    start("");
    String alpha = createKey("alpha");
    daemon.hotReload().close();
    Files.writeString(rules, RULES.replace("\"servers\": [\"a\"]", "\"servers\": [\"b\"]"));

    daemon.reload();

    assertThat(tools(alpha)).containsExactly("b_echo", "b_drop");
  }

  @Test
  void inDebugModeGetGatewayStatusShowsReloadStatusAndAgents() throws Exception {
    start(", \"debug\": true, \"default_agent\": \"alpha\"");
    try (GatewayClient anonymous = daemon.gateway().client()) {
      List<String> names =
          anonymous.listTools().stream().map(t -> t.path("name").asString()).toList();
      assertThat(names).contains("get_gateway_status");
      JsonNode status =
          anonymous.callTool("get_gateway_status", Json.object()).json().path("structuredContent");
      assertThat(status.path("reload_status").path("gateway_rules").path("success_count").asInt())
          .isEqualTo(1);
      assertThat(status.path("policy_state").path("agent_ids").toString())
          .contains("alpha", "beta");
      assertThat(status.path("servers").path("a").asString()).isEqualTo("ready");
    }
  }

  @Test
  void aDefaultAgentServesCallersWithoutKeysWhenTheRulesAllowFallingBack() throws Exception {
    start(", \"default_agent\": \"beta\"");
    Files.writeString(
        rules,
        RULES.replace("\"deny_on_missing_agent\": true", "\"deny_on_missing_agent\": false"));
    createKey("alpha");
    await().atMost(Duration.ofSeconds(30)).until(() -> anonymousTools().equals(List.of("b_echo")));
    // Keys exist, but a caller without one has an agent to fall back on: no 401.
    assertThat(initialize(Optional.empty()).statusCode()).isEqualTo(200);
  }
}
