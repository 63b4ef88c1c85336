package dev.gatehouse.cli.admin;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gatehouse remove NAME}: deletes a server from the store and from every group. */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    description = "Remove a server added with gatehouse add.")
public final class RemoveCommand extends AdminVerb {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin ReloadOption reload;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    admin.delete("/servers/" + Names.check("server", name) + reload.query());
    out.println(reload.hint("Removed " + name + "."));
  }
}
