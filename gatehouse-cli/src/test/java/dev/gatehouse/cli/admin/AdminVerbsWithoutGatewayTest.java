package dev.gatehouse.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the admin verbs say when there is nothing to talk to, or the input is wrong. */
class AdminVerbsWithoutGatewayTest {
  @TempDir Path dir;
  private String config;
  private int port;

  @BeforeEach
  void writeConfig() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    config =
        Files.writeString(dir.resolve("gatehouse.json"), "{\"port\": " + port + "}").toString();
  }

  @Test
  void everyVerbSaysInOneLineThatNoGatewayIsRunning() {
    String[][] commands = {
      {"list"},
      {"add", "alpha", "http://127.0.0.1:9/mcp"},
      {"remove", "alpha"},
      {"enable", "alpha"},
      {"disable", "alpha"},
      {"reload"},
      {"group", "create", "g1"},
      {"group", "list"},
      {"group", "delete", "g1"},
      {"group", "members", "g1", "--server", "alpha"}
    };
    for (String[] command : commands) {
      String[] args = new String[command.length + 2];
      System.arraycopy(command, 0, args, 0, command.length);
      args[command.length] = "--config";
      args[command.length + 1] = config;

      CliRun run = CliRun.of(args);

      assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(1);
      assertThat(run.err())
          .as(String.join(" ", command))
          .isEqualTo(
              "gatehouse: no gateway is running at http://127.0.0.1:"
                  + port
                  + "; start it with ./gatehouse serve"
                  + System.lineSeparator());
    }
  }

  @Test
  void invalidNamesAreRefusedBeforeAnythingIsSent() {
    CliRun run = CliRun.of("add", "My_Server", "http://127.0.0.1:9/mcp", "--config", config);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("gatehouse: server name \"My_Server\" is invalid");

    assertThat(CliRun.of("group", "create", "G1", "--config", config).exitCode()).isEqualTo(2);
    assertThat(CliRun.of("remove", "a b", "--config", config).exitCode()).isEqualTo(2);
  }

  @Test
  void badUrlsAreRefusedInOneLine() {
    CliRun run = CliRun.of("add", "alpha", "ftp://example.com/x", "--config", config);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("url").contains("http or https");

    CliRun notAUrl = CliRun.of("add", "alpha", "not a url", "--config", config);
    assertThat(notAUrl.exitCode()).isEqualTo(2);
    assertThat(notAUrl.err().lines()).hasSize(1);
  }

  @Test
  void aMissingTargetIsExplained() {
    CliRun run = CliRun.of("add", "alpha", "--config", config);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("give one URL");

    CliRun emptyCommand = CliRun.of("add", "alpha", "--config", config, "--");
    assertThat(emptyCommand.exitCode()).isEqualTo(2);
    assertThat(emptyCommand.err()).contains("command after --");

    CliRun headerWithoutValue =
        CliRun.of(
            "add", "alpha", "http://127.0.0.1:9/mcp", "--header", "X-Key", "--config", config);
    assertThat(headerWithoutValue.exitCode()).isEqualTo(2);
  }

  @Test
  void membersNeedServersOrClear() {
    CliRun run = CliRun.of("group", "members", "g1", "--config", config);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--server");
  }

  @Test
  void aMalformedAdminTokenIsAConfigError() throws IOException {
    String broken =
        Files.writeString(
                dir.resolve("broken.json"), "{\"port\": " + port + ", \"admin_token\": 42}")
            .toString();
    CliRun run = CliRun.of("list", "--config", broken);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("\"admin_token\" must be a non-empty string");
  }

  @Test
  void connectPrintsTheClaudeCommandAndAMcpJsonBlock() {
    CliRun run = CliRun.of("connect", "--config", config);

    assertThat(run.exitCode()).isZero();
    String url = "http://127.0.0.1:" + port + "/mcp";
    assertThat(run.out()).contains("claude mcp add --transport http gatehouse " + url);
    assertThat(run.out())
        .contains("\"mcpServers\"")
        .contains("\"type\" : \"http\"")
        .contains("\"url\" : \"" + url + "\"");

    CliRun group = CliRun.of("connect", "--group", "g1", "--config", config);
    assertThat(group.out()).contains(url + "/g/g1");
  }

  @Test
  void aWildcardBindIsReachedOnLoopback() throws IOException {
    String wildcard =
        Files.writeString(dir.resolve("any.json"), "{\"host\": \"0.0.0.0\", \"port\": 8123}")
            .toString();
    assertThat(CliRun.of("connect", "--config", wildcard).out())
        .contains("http://127.0.0.1:8123/mcp");
  }

  @Test
  void groupWithoutAVerbShowsItsVerbs() {
    CliRun run = CliRun.of("group");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("create").contains("members");
  }
}
