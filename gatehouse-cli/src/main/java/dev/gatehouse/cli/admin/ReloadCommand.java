package dev.gatehouse.cli.admin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code gatehouse reload}: applies what was added, changed or removed since the last reload. */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = "Apply server and group changes to the running gateway.")
public final class ReloadCommand extends AdminVerb {
  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    JsonNode report = admin.post("/reload", Optional.empty());
    List<String> servers = names(report.path("servers"));
    List<String> reconnected = names(report.path("reconnected"));
    List<String> groups = names(report.path("groups"));
    out.println(
        "Reloaded: "
            + servers.size()
            + " server(s) enabled"
            + (reconnected.isEmpty() ? "" : ", (re)connecting " + String.join(", ", reconnected))
            + "; "
            + groups.size()
            + " group(s)"
            + (groups.isEmpty() ? "" : ": " + String.join(", ", groups))
            + ".");
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(name -> names.add(name.asString("")));
    return names;
  }
}
