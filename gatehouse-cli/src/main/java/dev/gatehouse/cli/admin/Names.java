package dev.gatehouse.cli.admin;

import dev.gatehouse.upstream.UpstreamConfig;

/** Refuses a malformed server or group name before anything is sent. */
final class Names {
  private Names() {}

  static String check(String kind, String name) {
    if (name == null || !UpstreamConfig.NAME.matcher(name).matches()) {
      throw AdminCallException.invalid(
          kind
              + " name \""
              + name
              + "\" is invalid: use lowercase letters, digits and '-' (like my-server)");
    }
    return name;
  }
}
