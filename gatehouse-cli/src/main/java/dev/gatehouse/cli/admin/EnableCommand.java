package dev.gatehouse.cli.admin;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gatehouse enable NAME}: the gateway connects the server again on reload. */
@Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a server.")
public final class EnableCommand extends AdminVerb {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin ReloadOption reload;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    ServerSwitch.set(admin, out, name, true, reload);
  }
}
