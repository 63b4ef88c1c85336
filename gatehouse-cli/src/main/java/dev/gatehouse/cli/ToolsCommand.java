package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code gatehouse tools}: lists the tools of the running gateway, as its clients see them. */
@Command(
    name = "tools",
    mixinStandardHelpOptions = true,
    description = "List the tools the running gateway offers (through its governance).")
final class ToolsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", description = "Config file (default: discovered, see README).")
  Path config;

  @Option(names = "--group", description = "List what this group's endpoint offers.")
  String group;

  @Option(names = "--json", description = "Print the tool definitions as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GatehouseConfig settings;
    try {
      settings = ConfigLocator.system().load(Optional.ofNullable(config));
    } catch (ConfigException e) {
      err.println("gatehouse: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_CONFIG;
    }
    DaemonClient.Reply reply;
    try {
      reply = DaemonClient.of(settings).get("/admin/tools", Optional.ofNullable(group));
    } catch (DaemonClient.Unreachable e) {
      err.println("gatehouse: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILED;
    }
    if (!reply.ok()) {
      err.println("gatehouse: " + reply.error());
      err.flush();
      return ExitCodes.FAILED;
    }
    List<JsonNode> tools = reply.json().path("tools").valueStream().toList();
    if (json) {
      out.println(Json.text(reply.json()));
    } else if (tools.isEmpty()) {
      out.println("No tools (the upstreams may still be starting).");
    } else {
      int width =
          tools.stream().mapToInt(t -> t.path("name").asString("").length()).max().orElse(0);
      for (JsonNode tool : tools) {
        String name = tool.path("name").asString("");
        String description = tool.path("description").asString("").lines().findFirst().orElse("");
        out.println(
            (name + " ".repeat(width - name.length()) + "  " + description).stripTrailing());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
