package dev.gatehouse.cli.admin;

import picocli.CommandLine.Option;

/** {@code --reload}: apply a change at once instead of at the next {@code gatehouse reload}. */
public final class ReloadOption {
  @Option(names = "--reload", description = "Apply the change at once (as gatehouse reload).")
  boolean reload;

  /** The query string that asks the API to reload after the write. */
  String query() {
    return reload ? "?reload=true" : "";
  }

  /** What to tell the user after a write. */
  String hint(String done) {
    return reload ? done + " Applied." : done + " Run gatehouse reload to apply it.";
  }
}
