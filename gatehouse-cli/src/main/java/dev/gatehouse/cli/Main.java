package dev.gatehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command. */
@Command(
    name = "gatehouse",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A governed gateway for the Model Context Protocol.",
    subcommands = {
      ServeCommand.class,
      StdioCommand.class,
      ToolsCommand.class,
      CallCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit code; the process is left running for serve. */
  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }
}
