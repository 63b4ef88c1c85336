package dev.gatehouse.cli.admin;

import dev.gatehouse.cli.ExitCodes;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code gatehouse connect}: how to point a client at this gateway, once. Reads only the config, so
 * it works before the gateway runs.
 */
@Command(
    name = "connect",
    mixinStandardHelpOptions = true,
    description = "Print the claude mcp add command and a .mcp.json block for this gateway.")
public final class ConnectCommand implements Callable<Integer> {
  @Spec CommandSpec commandSpec;

  @Mixin ConfigOption configOption;

  @Option(
      names = "--name",
      description = "The name clients know the gateway by (default gatehouse).")
  String name = "gatehouse";

  @Option(names = "--group", description = "Connect to a group's endpoint, /mcp/g/GROUP.")
  String group;

  @Override
  public Integer call() {
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    String url;
    try {
      GatewayAddress address = GatewayAddress.of(configOption.load());
      String path = group == null ? "/mcp" : "/mcp/g/" + Names.check("group", group);
      url = address.base() + path;
      Names.check("client-side", name);
    } catch (ConfigException | AdminCallException e) {
      err.println("gatehouse: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_CONFIG;
    }
    ObjectNode server = Json.object().put("type", "http").put("url", url);
    ObjectNode block = Json.object();
    block.putObject("mcpServers").set(name, server);
    out.println("Claude Code:");
    out.println();
    out.println("  claude mcp add --transport http " + name + " " + url);
    out.println();
    out.println("Or in .mcp.json (project) or any client that reads mcpServers:");
    out.println();
    out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(block));
    out.flush();
    return ExitCodes.OK;
  }
}
