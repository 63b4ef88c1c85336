package dev.gatehouse.cli.admin;

import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code gatehouse group members NAME --server A --server B}: replaces the group's members. */
@Command(
    name = "members",
    mixinStandardHelpOptions = true,
    description = "Set a group's servers (replacing the current ones).")
public final class GroupMembersCommand extends AdminVerb {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--server", paramLabel = "SERVER", description = "A member; repeatable.")
  List<String> servers = new ArrayList<>();

  @Option(names = "--clear", description = "Leave the group without servers.")
  boolean clear;

  @Mixin ReloadOption reload;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    Names.check("group", name);
    if (servers.isEmpty() && !clear) {
      throw AdminCallException.invalid(
          "give the members with --server NAME (repeatable), or --clear");
    }
    if (!servers.isEmpty() && clear) {
      throw AdminCallException.invalid("--clear and --server exclude each other");
    }
    servers.forEach(server -> Names.check("server", server));
    ObjectNode body = Json.object();
    ArrayNode members = body.putArray("servers");
    servers.forEach(members::add);
    admin.put("/groups/" + name + "/servers" + reload.query(), body);
    out.println(
        reload.hint(
            "Group "
                + name
                + " now has "
                + (servers.isEmpty() ? "no servers" : String.join(", ", servers))
                + "."));
  }
}
