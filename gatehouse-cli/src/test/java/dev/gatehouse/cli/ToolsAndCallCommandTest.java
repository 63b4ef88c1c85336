package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.testkit.DemoServer;
import dev.gatehouse.testkit.HttpTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse tools} and {@code gatehouse call} against a daemon running in this JVM. */
class ToolsAndCallCommandTest {
  @TempDir static Path dir;
  private static HttpTestServer demo;
  private static Daemon daemon;
  private static Path config;

  private record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    demo = HttpTestServer.start(DemoServer.create());
    String json =
        """
        {"port": 0,
         "mcpServers": {"demo": {"url": "%s"}},
         "policy": {"deny": ["*random*"], "audit": "%s"}}
        """
            .formatted(demo.url(), dir.resolve("audit.jsonl"));
    GatehouseConfig parsed = ConfigParser.parse(json, Optional.empty(), "test config");
    daemon = Daemon.start(parsed);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> daemon.gateway().catalog().tools().size() == 4);
    // What the CLI reads: the same config, with the port the daemon got.
    config =
        Files.writeString(
            dir.resolve("gatehouse.json"),
            json.replace("\"port\": 0", "\"port\": " + daemon.port()));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(args);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config.toString());
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void toolsListsWhatClientsSeeOneLineEach() {
    Run run = run("tools");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().toList())
        .contains(
            "demo_echo           Returns the message it is given",
            "demo_add            Adds two numbers",
            "demo_current_time   Tells the current date and time",
            "demo_random_number  Draws a random whole number between min and max, inclusive");
  }

  @Test
  void toolsAsJson() {
    Run run = run("tools", "--json");
    assertThat(Json.parse(run.out()).path("tools").size()).isEqualTo(4);
  }

  @Test
  void callTakesArgumentsAsKeyValuePairsReadAsJsonWhereTheyAre() {
    Run run = run("call", "demo_add", "--arg", "a=2", "--arg", "b=3");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("5\n");

    Run echo = run("call", "demo_echo", "--arg", "message=hello world");
    assertThat(echo.out()).isEqualTo("hello world\n");
  }

  @Test
  void callTakesAJsonObject() {
    Run run = run("call", "demo_add", "--json", "{\"a\": 1.5, \"b\": 2}");
    assertThat(run.out()).isEqualTo("3.5\n");
    Run raw = run("call", "demo_add", "--json", "{\"a\": 1, \"b\": 2}", "--raw");
    assertThat(Json.parse(raw.out()).path("content").get(0).path("text").asString()).isEqualTo("3");
  }

  @Test
  void aDeniedCallIsOneLineAndExitCode1() throws Exception {
    Run run = run("call", "demo_random_number");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "gatehouse: DENIED_BY_POLICY: Call to demo_random_number is denied by policy (matches \"*random*\")\n");
    await()
        .until(
            () -> Files.readString(dir.resolve("audit.jsonl")).contains("\"decision\":\"denied\""));
  }

  @Test
  void anUnknownToolOrGroupSaysSo() {
    // An unlisted name in demo's namespace goes to demo, which answers for itself.
    assertThat(run("call", "demo_nothing").err())
        .startsWith("gatehouse: tool_not_found: Unknown tool:");
    assertThat(run("call", "nothing_here").err())
        .isEqualTo("gatehouse: tool_not_found: Unknown tool: nothing_here\n");
    assertThat(run("tools", "--group", "nope").err())
        .isEqualTo("gatehouse: group_not_found: Unknown group: nope\n");
  }

  @Test
  void argumentsGivenTwoWaysAreAUsageError() {
    Run run = run("call", "demo_add", "--arg", "a=1", "--json", "{}");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("gatehouse: give the arguments either with --arg or with --json, not both\n");
    assertThat(run("call", "demo_add", "--arg", "a").exitCode()).isEqualTo(2);
    assertThat(run("call", "demo_add", "--json", "[1]").err()).contains("must be a JSON object");
  }

  @Test
  void withoutARunningGatewayItSaysSoInOneLine() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path elsewhere = Files.writeString(dir.resolve("down.json"), "{\"port\": " + port + "}");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("tools", "--config", elsewhere.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "gatehouse: no gateway is running at http://127.0.0.1:"
                + port
                + "/ (start one with: gatehouse serve)\n");
  }

  @Test
  void serveRefusesAMisspeltPolicyKeyWithExitCode2() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.json"), "{\"port\": 0, \"policy\": {\"confrim\": [\"*\"]}}");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("serve", "--config", bad.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("gatehouse: config file " + bad + ": \"policy.confrim\" is not a setting");
  }
}
