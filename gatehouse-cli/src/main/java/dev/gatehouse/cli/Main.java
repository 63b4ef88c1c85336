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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gatehouse} command. Its verbs are added by {@link #commandLine}: only the one a
 * command line names, or all of them when it names none (for help, and for picocli's suggestions
 * after a typo). Picocli reads a verb's annotations by reflection when it is added, and doing so
 * for every verb took half of its share of the time {@code serve} needs to be ready.
 */
@Command(
    name = "gatehouse",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A governed gateway for the Model Context Protocol.")
public final class Main {
  /** The verbs by name, in the order help lists them. */
  static final Map<String, Class<?>> VERBS = verbs();

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("serve")) {
      // Readies what serve needs on the second core while this one parses the command line.
      WarmUp.start();
    }
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit code; the process is left running for serve. */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The command line that runs {@code args}; its output goes to stdout and stderr until set. */
  public static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Main());
    Class<?> named = args.length == 0 || args[0].equals("help") ? null : VERBS.get(args[0]);
    if (named != null) {
      cli.addSubcommand(args[0], named);
    } else {
      VERBS.forEach(cli::addSubcommand);
    }
    // Set once the verbs are in: picocli passes settings on to the subcommands present.
    return cli.setCaseInsensitiveEnumValuesAllowed(true);
  }

  private static Map<String, Class<?>> verbs() {
    Map<String, Class<?>> verbs = new LinkedHashMap<>();
    verbs.put("serve", ServeCommand.class);
    verbs.put("stdio", StdioCommand.class);
    verbs.put("add", AddCommand.class);
    verbs.put("list", ListCommand.class);
    verbs.put("remove", RemoveCommand.class);
    verbs.put("enable", EnableCommand.class);
    verbs.put("disable", DisableCommand.class);
    verbs.put("reload", ReloadCommand.class);
    verbs.put("group", GroupCommand.class);
    verbs.put("connect", ConnectCommand.class);
    verbs.put("agent", AgentCommand.class);
    verbs.put("tools", ToolsCommand.class);
    verbs.put("call", CallCommand.class);
    verbs.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(verbs);
  }
}
