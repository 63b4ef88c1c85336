package dev.gatehouse.cli.admin;

import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code gatehouse group create NAME}: a new group, optionally with members and filters. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a group.")
public final class GroupCreateCommand extends AdminVerb {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--server", paramLabel = "SERVER", description = "A member; repeatable.")
  List<String> servers = new ArrayList<>();

  @Option(names = "--allow", paramLabel = "GLOB", description = "Expose only matching tools.")
  List<String> allow = new ArrayList<>();

  @Option(names = "--deny", paramLabel = "GLOB", description = "Hide matching tools.")
  List<String> deny = new ArrayList<>();

  @Option(names = "--description", description = "For people.")
  String description;

  @Mixin ReloadOption reload;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    ObjectNode body = Json.object().put("name", Names.check("group", name));
    Optional.ofNullable(description).ifPresent(text -> body.put("description", text));
    allow.forEach(body.putArray("allow")::add);
    deny.forEach(body.putArray("deny")::add);
    if (!servers.isEmpty()) {
      servers.forEach(body.putArray("servers")::add);
    }
    admin.post("/groups" + reload.query(), Optional.of(body));
    out.println(reload.hint("Created group " + name + " (served at /mcp/g/" + name + ")."));
  }
}
