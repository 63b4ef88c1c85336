package dev.gatehouse.cli.admin;

import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code gatehouse group list}: every group with its members and filters. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List groups.")
public final class GroupListCommand extends AdminVerb {
  @Option(names = "--json", description = "Print the admin API's JSON.")
  boolean json;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    JsonNode groups = admin.get("/groups");
    if (json) {
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(groups));
      return;
    }
    if (groups.isEmpty()) {
      out.println("No groups yet. Create one with: gatehouse group create NAME");
      return;
    }
    TextTable table = new TextTable("NAME", "SERVERS", "ALLOW", "DENY", "ENDPOINT");
    for (JsonNode group : groups) {
      table.row(
          group.path("name").asString(""),
          joined(group.path("servers")),
          joined(group.path("allow")),
          joined(group.path("deny")),
          group.path("endpoint").asString(""));
    }
    table.print(out);
  }

  private static String joined(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asString("")));
    return items.isEmpty() ? "-" : String.join(",", items);
  }
}
