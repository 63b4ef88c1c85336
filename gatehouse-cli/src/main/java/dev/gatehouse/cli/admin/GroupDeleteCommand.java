package dev.gatehouse.cli.admin;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gatehouse group delete NAME}: removes the group; its servers stay. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a group.")
public final class GroupDeleteCommand extends AdminVerb {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin ReloadOption reload;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    admin.delete("/groups/" + Names.check("group", name) + reload.query());
    out.println(reload.hint("Deleted group " + name + "."));
  }
}
