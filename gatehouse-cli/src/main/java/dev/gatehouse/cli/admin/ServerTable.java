package dev.gatehouse.cli.admin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Servers as {@code gatehouse list} prints them: one line each, then the errors of failing ones.
 */
final class ServerTable {
  private ServerTable() {}

  static void print(JsonNode servers, PrintWriter out) {
    if (servers.isEmpty()) {
      out.println("No servers yet. Add one with: gatehouse add NAME URL");
      return;
    }
    TextTable table = new TextTable("NAME", "SOURCE", "TRANSPORT", "STATE", "TOOLS", "TARGET");
    List<String> errors = new ArrayList<>();
    for (JsonNode server : servers) {
      JsonNode status = server.path("status");
      table.row(
          server.path("name").asString(""),
          server.path("source").asString(""),
          server.path("transport").asString(""),
          state(status),
          tools(status),
          target(server));
      if (!status.path("last_error").isNull() && !status.path("last_error").isMissingNode()) {
        errors.add(
            server.path("name").asString("") + ": " + status.path("last_error").asString(""));
      }
    }
    table.print(out);
    if (!errors.isEmpty()) {
      out.println();
      errors.forEach(out::println);
    }
  }

  /** {@code ready}, {@code not loaded (run gatehouse reload)}, {@code ready (reload pending)}. */
  static String state(JsonNode status) {
    String state = status.path("state").asString("unknown");
    return switch (state) {
      case "not_loaded" -> "not loaded (run gatehouse reload)";
      case "disabled" -> "disabled";
      default ->
          status.path("reload_pending").asBoolean(false) ? state + " (reload pending)" : state;
    };
  }

  private static String tools(JsonNode status) {
    int all = status.path("tools").asInt(0);
    int exposed = status.path("exposed_tools").asInt(0);
    return exposed == all ? String.valueOf(all) : exposed + " of " + all;
  }

  private static String target(JsonNode server) {
    JsonNode url = server.path("url");
    if (url.isString()) {
      return url.asString();
    }
    List<String> line = new ArrayList<>();
    line.add(server.path("command").asString(""));
    server.path("args").forEach(arg -> line.add(arg.asString("")));
    return String.join(" ", line);
  }
}
