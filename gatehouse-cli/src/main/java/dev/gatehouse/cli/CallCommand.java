package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code gatehouse call NAME}: calls a tool through the running gateway, with the same governance
 * as its MCP clients (a call needing approval waits for it).
 */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description = "Call a tool through the running gateway (same policy, approvals and audit).")
final class CallCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The tool, as clients see it.")
  String name;

  @Option(
      names = "--arg",
      paramLabel = "KEY=VALUE",
      description =
          "An argument; VALUE is read as JSON when it is valid JSON (2, true, [1,2], \"text\"),"
              + " else as text. Repeatable.")
  List<String> args = List.of();

  @Option(
      names = "--json",
      paramLabel = "OBJECT",
      description = "All arguments as one JSON object.")
  String json;

  @Option(names = "--config", description = "Config file (default: discovered, see README).")
  Path config;

  @Option(names = "--group", description = "Call through this group's endpoint.")
  String group;

  @Option(names = "--raw", description = "Print the whole result as JSON.")
  boolean raw;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectNode arguments;
    GatehouseConfig settings;
    try {
      arguments = arguments();
      settings = ConfigLocator.system().load(Optional.ofNullable(config));
    } catch (ConfigException e) {
      err.println("gatehouse: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_CONFIG;
    }
    ObjectNode body = Json.object();
    body.set("arguments", arguments);
    DaemonClient.Reply reply;
    try {
      reply =
          DaemonClient.of(settings)
              .post(
                  "/admin/tools/" + DaemonClient.segment(name) + "/call",
                  Optional.ofNullable(group),
                  body);
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
    JsonNode result = reply.json();
    if (raw) {
      out.println(Json.text(result));
    } else {
      ToolOutput.print(result, out);
    }
    out.flush();
    if (result.path("isError").asBoolean(false)) {
      err.println("gatehouse: the tool reported an error");
      err.flush();
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private ObjectNode arguments() {
    if (json != null && !args.isEmpty()) {
      throw new ConfigException("give the arguments either with --arg or with --json, not both");
    }
    if (json != null) {
      JsonNode parsed;
      try {
        parsed = Json.parse(json);
      } catch (GatewayException e) {
        throw new ConfigException("--json is not valid JSON: " + e.getMessage());
      }
      if (!(parsed instanceof ObjectNode object)) {
        throw new ConfigException("--json must be a JSON object, such as '{\"a\": 1}'");
      }
      return object;
    }
    ObjectNode object = Json.object();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--arg " + arg + " must be KEY=VALUE");
      }
      object.set(arg.substring(0, eq), value(arg.substring(eq + 1)));
    }
    return object;
  }

  private static JsonNode value(String text) {
    try {
      return Json.parse(text);
    } catch (GatewayException notJson) {
      return StringNode.valueOf(text);
    }
  }
}
