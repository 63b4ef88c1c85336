package dev.gatehouse.cli;

import dev.gatehouse.cli.admin.AddCommand;
import dev.gatehouse.cli.admin.ConnectCommand;
import dev.gatehouse.cli.admin.DisableCommand;
import dev.gatehouse.cli.admin.EnableCommand;
import dev.gatehouse.cli.admin.GroupCommand;
import dev.gatehouse.cli.admin.ListCommand;
import dev.gatehouse.cli.admin.ReloadCommand;
import dev.gatehouse.cli.admin.RemoveCommand;
import dev.gatehouse.cli.agent.AgentCommand;
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
      AddCommand.class,
      ListCommand.class,
      RemoveCommand.class,
      EnableCommand.class,
      DisableCommand.class,
      ReloadCommand.class,
      GroupCommand.class,
      ConnectCommand.class,
      AgentCommand.class,
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
