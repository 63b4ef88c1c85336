package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dir;

  private record Run(int exitCode, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(args);
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int code = cli.execute(args);
    return new Run(code, err.toString());
  }

  @Test
  void aConfigThatIsNotJsonStopsWithTheFileAndPositionAndExitCode2() throws Exception {
    Path config = Files.writeString(dir.resolve("broken.json"), "{\n \"port\": 8000,,\n}");

    Run run = run("serve", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("gatehouse: config file " + config + " is not valid JSON at line 2, column");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aMissingConfigFileIsExitCode2() {
    Run run = run("serve", "--config", dir.resolve("missing.json").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("does not exist");
  }

  @Test
  void aStoreThatCannotBeOpenedIsAOneLineStartupError() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("c.json"),
            "{\"port\": 0, \"store\": \"sqlite:/proc/gatehouse.db\", \"mcpServers\": {}}");

    Run run = run("serve", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("gatehouse: cannot start: cannot open SQLite database /proc/gatehouse.db");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void aPortInUseIsAOneLineFailure() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path config =
          Files.writeString(
              dir.resolve("c.json"),
              "{\"port\": " + taken.getLocalPort() + ", \"mcpServers\": {}}");
      Run run = run("serve", "--config", config.toString());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).startsWith("gatehouse: cannot start:");
      assertThat(run.err().lines()).hasSize(1);
    }
  }
}
