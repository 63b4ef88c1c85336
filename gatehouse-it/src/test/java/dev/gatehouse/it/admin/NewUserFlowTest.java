package dev.gatehouse.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.Main;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.testkit.Content;
import dev.gatehouse.testkit.FakeUpstreamExtension;
import dev.gatehouse.testkit.Schema;
import dev.gatehouse.testkit.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance of the registry and admin work, tried as a new user would: a gateway serving an
 * empty config, upstreams added with the CLI, a group, a deny pattern through the admin API, and a
 * restart that keeps everything (the SQLite file in {@code $GATEHOUSE_HOME}).
 */
class NewUserFlowTest {
  private static final Duration READY_LIMIT = Duration.ofSeconds(60);

  @RegisterExtension
  final FakeUpstreamExtension alpha =
      FakeUpstreamExtension.of(() ->
          TestServer.builder()
              .serverInfo("alpha", "1")
              .tool("echo", "Echoes", Schema.empty(), (args, ctx) -> Content.textResult("echo"))
              .tool("add", "Adds", Schema.empty(), (args, ctx) -> Content.textResult("3"))
              .build());

  @RegisterExtension
  final FakeUpstreamExtension beta =
      FakeUpstreamExtension.of(() ->
          TestServer.builder()
              .serverInfo("beta", "1")
              .tool(
                  "search", "Searches", Schema.empty(), (args, ctx) -> Content.textResult("found"))
              .build());

  @TempDir Path home;
  private Daemon daemon;

  private Path config() {
    return home.resolve("gatehouse.json");
  }

  /** What {@code ./gatehouse serve} does with {@code $GATEHOUSE_HOME} set, on any free port. */
  private void serve() throws IOException {
    Files.writeString(config(), "{\"port\": 0, \"mcpServers\": {}}");
    ConfigLocator locator = new ConfigLocator(Map.of("GATEHOUSE_HOME", home.toString()), home);
    daemon = Daemon.start(locator.load(Optional.empty()), Optional.of(locator.home()));
    // The CLI reads the same file; from here on it names the port the gateway got.
    Files.writeString(config(), "{\"port\": " + daemon.port() + ", \"mcpServers\": {}}");
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private String gatehouse(String... args) {
    List<String> line = new ArrayList<>(List.of(args));
    int end = line.indexOf("--");
    line.addAll(end < 0 ? line.size() : end, List.of("--config", config().toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(line.toArray(String[]::new));
    assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
    return out.toString();
  }

  private URI endpoint(String path) {
    return URI.create("http://127.0.0.1:" + daemon.port() + path);
  }

  private List<String> toolsAt(String path) {
    return McpSession.open(endpoint(path)).toolNames();
  }

  private void awaitTools(String path, String... expected) {
    await()
        .atMost(READY_LIMIT)
        .untilAsserted(() -> assertThat(toolsAt(path)).containsExactlyInAnyOrder(expected));
  }

  @Test
  void addListReloadGroupDenyAndRestart() throws Exception {
    serve();
    assertThat(toolsAt("/mcp")).isEmpty();

    gatehouse("add", "alpha", alpha.url().toString(), "--transport", "http");
    gatehouse("add", "beta", beta.url().toString(), "--transport", "http");
    String listed = gatehouse("list");
    assertThat(listed).contains("alpha").contains("beta").contains("not loaded");

    gatehouse("reload");
    awaitTools("/mcp", "alpha_echo", "alpha_add", "beta_search");
    await()
        .atMost(READY_LIMIT)
        .untilAsserted(() ->
            assertThat(gatehouse("list")).containsPattern("alpha\\s+store\\s+http\\s+ready\\s+2"));

    gatehouse("group", "create", "g1");
    gatehouse("group", "members", "g1", "--server", "alpha");
    gatehouse("reload");
    awaitTools("/mcp/g/g1", "alpha_echo", "alpha_add");

    HttpResponse<String> patched =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint("/admin/servers/alpha"))
                    .header("Content-Type", "application/json")
                    .method(
                        "PATCH", HttpRequest.BodyPublishers.ofString("{\"deny\": [\"*echo*\"]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(toolsAt("/mcp")).as("a write waits for reload").contains("alpha_echo");
    gatehouse("reload");
    awaitTools("/mcp", "alpha_add", "beta_search");
    awaitTools("/mcp/g/g1", "alpha_add");
    assertHiddenLikeUnknown("/mcp");
    assertHiddenLikeUnknown("/mcp/g/g1");

    daemon.close();
    daemon = null;
    serve();
    String afterRestart = gatehouse("list");
    assertThat(afterRestart).contains("alpha").contains("beta");
    assertThat(gatehouse("group", "list")).containsPattern("g1\\s+alpha");
    awaitTools("/mcp", "alpha_add", "beta_search");
    awaitTools("/mcp/g/g1", "alpha_add");
    assertHiddenLikeUnknown("/mcp");
  }

  /** A denied tool is absent: calling it answers exactly what calling a made-up name answers. */
  private void assertHiddenLikeUnknown(String path) {
    McpSession session = McpSession.open(endpoint(path));
    JsonNode hidden = session.call("alpha_echo");
    JsonNode unknown = session.call("alpha_nope");
    assertThat(hidden.has("error")).as(hidden.toString()).isTrue();
    assertThat(hidden.path("error").path("code")).isEqualTo(unknown.path("error").path("code"));
    assertThat(hidden.path("error").path("message").asString().replace("alpha_echo", "NAME"))
        .isEqualTo(unknown.path("error").path("message").asString().replace("alpha_nope", "NAME"));
    assertThat(alpha.requests("tools/call")).isEmpty();
  }
}
