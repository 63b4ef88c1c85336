package dev.gatehouse.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.testkit.Content;
import dev.gatehouse.testkit.FakeUpstreamExtension;
import dev.gatehouse.testkit.Schema;
import dev.gatehouse.testkit.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The admin verbs in-process against a real daemon with an admin token and a SQLite store. */
class AdminVerbsTest {
  private static final String TOKEN = "cli-test-token";

  @RegisterExtension
  static final FakeUpstreamExtension alpha =
      FakeUpstreamExtension.of(() ->
          TestServer.builder()
              .serverInfo("alpha", "1")
              .tool("echo", "echoes", Schema.empty(), (args, ctx) -> Content.textResult("echo"))
              .tool("add", "adds", Schema.empty(), (args, ctx) -> Content.textResult("3"))
              .build());

  @TempDir Path home;
  private Daemon daemon;
  private String config;

  @BeforeEach
  void start() throws IOException {
    Path daemonConfig =
        Files.writeString(
            home.resolve("daemon.json"),
            "{\"port\": 0, \"admin_token\": \"" + TOKEN + "\", \"mcpServers\": {}}");
    GatehouseConfig settings =
        new ConfigLocator(Map.of("GATEHOUSE_HOME", home.toString()), home)
            .load(Optional.of(daemonConfig));
    daemon = Daemon.start(settings, Optional.of(home));
    config =
        Files.writeString(
                home.resolve("gatehouse.json"),
                "{\"port\": " + daemon.port() + ", \"admin_token\": \"" + TOKEN + "\"}")
            .toString();
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  /** Runs a verb with {@code --config}, placed before a {@code --} where there is one. */
  private CliRun cli(String... args) {
    java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(args));
    int end = line.indexOf("--");
    line.addAll(end < 0 ? line.size() : end, java.util.List.of("--config", config));
    return CliRun.of(line.toArray(String[]::new));
  }

  @Test
  void addThenListShowsTheServerWaitingForAReloadThenReady() {
    CliRun added = cli("add", "alpha", alpha.url().toString(), "--transport", "http");
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).contains("Added alpha").contains("gatehouse reload");

    CliRun listed = cli("list");
    assertThat(listed.exitCode()).isZero();
    assertThat(listed.out())
        .contains("alpha")
        .contains("not loaded")
        .contains(alpha.url().toString());

    CliRun reloaded = cli("reload");
    assertThat(reloaded.exitCode()).as(reloaded.err()).isZero();
    assertThat(reloaded.out()).contains("alpha");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(cli("list").out()).containsPattern("alpha\\s+store\\s+http\\s+ready\\s+2"));
    assertThat(daemon.gateway().catalog().tools()).hasSize(2);
  }

  @Test
  void listJsonIsTheApisJson() {
    cli("add", "alpha", alpha.url().toString());

    CliRun listed = cli("list", "--json");

    JsonNode servers = Json.parse(listed.out());
    assertThat(servers.isArray()).isTrue();
    assertThat(servers.get(0).path("name").asString()).isEqualTo("alpha");
    assertThat(servers.get(0).path("status").path("state").asString()).isEqualTo("not_loaded");
  }

  @Test
  void headersFiltersAndStdioCommandsAreStoredAsWritten() {
    assertThat(
            cli(
                    "add",
                    "weather",
                    "https://api.example.com/mcp",
                    "--header",
                    "Authorization=Bearer ${env:WEATHER_TOKEN}",
                    "--deny",
                    "*_delete_*",
                    "--description",
                    "forecasts")
                .exitCode())
        .isZero();
    CliRun stdio = cli("add", "fs", "--disabled", "--", "npx", "-y", "server-filesystem", "/tmp");
    assertThat(stdio.exitCode()).as(stdio.err()).isZero();

    JsonNode servers = Json.parse(cli("list", "--json").out());
    JsonNode fs = servers.get(0);
    assertThat(fs.path("command").asString()).isEqualTo("npx");
    assertThat(fs.path("args").toString()).isEqualTo("[\"-y\",\"server-filesystem\",\"/tmp\"]");
    assertThat(fs.path("enabled").asBoolean()).isFalse();
    JsonNode weather = servers.get(1);
    assertThat(weather.path("headers").path("Authorization").asString())
        .isEqualTo("Bearer ${env:WEATHER_TOKEN}");
    assertThat(weather.path("deny").toString()).isEqualTo("[\"*_delete_*\"]");
    assertThat(weather.path("transport").asString()).isEqualTo("auto");
  }

  @Test
  void duplicatesAndUnknownNamesAreOneLineAndExit2() {
    cli("add", "alpha", alpha.url().toString());

    CliRun duplicate = cli("add", "alpha", alpha.url().toString());
    assertThat(duplicate.exitCode()).isEqualTo(2);
    assertThat(duplicate.err())
        .isEqualTo("gatehouse: server \"alpha\" already exists" + System.lineSeparator());

    CliRun unknown = cli("remove", "nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err().lines()).hasSize(1);
    assertThat(unknown.err()).contains("not found");

    CliRun member = cli("group", "create", "g1", "--server", "nope");
    assertThat(member.exitCode()).isEqualTo(2);
    assertThat(member.err()).contains("no server named \"nope\"");
  }

  @Test
  void disableEnableAndRemoveTakeEffectOnReload() {
    cli("add", "alpha", alpha.url().toString(), "--reload");
    assertThat(daemon.directory().registry().connection("alpha")).isPresent();

    assertThat(cli("disable", "alpha").out()).contains("Disabled alpha");
    assertThat(cli("list").out()).contains("reload pending");
    cli("reload");
    assertThat(daemon.directory().registry().connection("alpha")).isEmpty();
    assertThat(cli("list").out()).contains("disabled");

    assertThat(cli("enable", "alpha", "--reload").exitCode()).isZero();
    assertThat(daemon.directory().registry().connection("alpha")).isPresent();

    assertThat(cli("remove", "alpha", "--reload").exitCode()).isZero();
    assertThat(daemon.directory().registry().connection("alpha")).isEmpty();
    assertThat(cli("list").out()).contains("No servers yet");
  }

  @Test
  void groupsAreCreatedGivenMembersListedAndDeleted() {
    cli("add", "alpha", alpha.url().toString());
    cli("add", "beta", "http://127.0.0.1:9/mcp");

    assertThat(cli("group", "create", "g1", "--deny", "*echo*").exitCode()).isZero();
    CliRun members = cli("group", "members", "g1", "--server", "alpha", "--server", "beta");
    assertThat(members.exitCode()).as(members.err()).isZero();
    assertThat(members.out()).contains("alpha, beta");

    CliRun listed = cli("group", "list");
    assertThat(listed.out()).containsPattern("g1\\s+alpha,beta\\s+-\\s+\\*echo\\*\\s+/mcp/g/g1");

    cli("reload");
    assertThat(daemon.directory().groupView("g1")).isPresent();
    assertThat(cli("group", "delete", "g1", "--reload").exitCode()).isZero();
    assertThat(daemon.directory().groupView("g1")).isEmpty();
    assertThat(cli("group", "list").out()).contains("No groups yet");
  }

  @Test
  void theApiNeedsTheTokenAndTheCliSendsItFromTheConfig() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI servers = URI.create("http://127.0.0.1:" + daemon.port() + "/admin/servers");
    HttpResponse<String> anonymous =
        http.send(HttpRequest.newBuilder(servers).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

    assertThat(cli("list").exitCode()).isZero();
    CliRun tools = cli("tools");
    assertThat(tools.exitCode()).as("the tools verb sends the token too: " + tools.err()).isZero();

    String noToken =
        Files.writeString(home.resolve("no-token.json"), "{\"port\": " + daemon.port() + "}")
            .toString();
    CliRun refused = CliRun.of("list", "--config", noToken);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("refused the admin token");
    assertThat(refused.err().lines()).hasSize(1);
  }
}
