package dev.gatehouse.cli.admin;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gatehouse disable NAME}: the gateway disconnects the server on reload and keeps it. */
@Command(
    name = "disable",
    mixinStandardHelpOptions = true,
    description = "Disable a server without removing it.")
public final class DisableCommand extends AdminVerb {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin ReloadOption reload;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    ServerSwitch.set(admin, out, name, false, reload);
  }
}
