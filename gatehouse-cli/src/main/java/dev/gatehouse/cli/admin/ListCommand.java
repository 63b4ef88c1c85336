package dev.gatehouse.cli.admin;

import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code gatehouse list}: every server of the running gateway with its live state. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the gateway's servers (config file and store) and their state.")
public final class ListCommand extends AdminVerb {
  @Option(names = "--json", description = "Print the admin API's JSON.")
  boolean json;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    JsonNode servers = admin.get("/servers");
    if (json) {
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(servers));
    } else {
      ServerTable.print(servers, out);
    }
  }
}
