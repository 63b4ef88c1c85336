package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(args);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void eachVerbIsKeptUnderItsOwnName() {
    Main.VERBS.forEach(
        (name, verb) -> assertThat(verb.getAnnotation(Command.class).name()).isEqualTo(name));
  }

  @Test
  void aCommandLineNamingAVerbGetsOnlyThatVerb() {
    assertThat(Main.commandLine("serve", "--port", "0").getSubcommands()).containsOnlyKeys("serve");
    assertThat(Main.commandLine("group", "list").getSubcommands()).containsOnlyKeys("group");
    assertThat(Main.commandLine("group", "list").getSubcommands().get("group").getSubcommands())
        .containsKeys("list", "create", "delete", "members");
  }

  @Test
  void helpAndAnythingElseGetEveryVerb() {
    for (String[] args :
        new String[][] {{}, {"--help"}, {"help", "serve"}, {"serv"}, {"--version"}}) {
      assertThat(Main.commandLine(args).getSubcommands())
          .as(String.join(" ", args))
          .containsOnlyKeys(Main.VERBS.keySet());
    }
  }

  @Test
  void theUsageListsEveryVerb() {
    Run run = run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: gatehouse");
    Main.VERBS.keySet().forEach(verb -> assertThat(run.out()).contains("  " + verb + " "));
  }

  @Test
  void aVerbsHelpNamesItUnderGatehouse() {
    Run alone = run("serve", "--help");
    Run viaHelp = run("help", "serve");

    assertThat(alone.exitCode()).isZero();
    assertThat(alone.out()).startsWith("Usage: gatehouse serve ").contains("--config");
    assertThat(viaHelp.out()).isEqualTo(alone.out());
  }

  @Test
  void aMistypedVerbIsRefusedWithASuggestion() {
    Run run = run("serv");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument at index 0: 'serv'").contains("serve");
  }

  @Test
  void enumOptionsOfAVerbIgnoreCase() {
    CommandLine cli = Main.commandLine("serve");

    assertThat(cli.isCaseInsensitiveEnumValuesAllowed()).isTrue();
    assertThat(cli.getSubcommands().get("serve").isCaseInsensitiveEnumValuesAllowed()).isTrue();
  }
}
