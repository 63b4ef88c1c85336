package dev.gatehouse.cli.admin;

import dev.gatehouse.protocol.Json;
import java.io.PrintWriter;

/** What {@code enable} and {@code disable} share: one PATCH of {@code enabled}. */
final class ServerSwitch {
  private ServerSwitch() {}

  static void set(
      AdminApiClient admin, PrintWriter out, String name, boolean enabled, ReloadOption reload) {
    Names.check("server", name);
    admin.patch("/servers/" + name + reload.query(), Json.object().put("enabled", enabled));
    out.println(reload.hint((enabled ? "Enabled " : "Disabled ") + name + "."));
  }
}
