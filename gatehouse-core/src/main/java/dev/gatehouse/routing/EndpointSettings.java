package dev.gatehouse.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * What a gateway endpoint says about itself and how it pages lists.
 *
 * @param serverName {@code serverInfo.name} in the initialize result
 * @param serverVersion {@code serverInfo.version}
 * @param instructions configured instructions; when empty the gateway writes its own
 * @param pageSize items per list page; 0 sends everything in one page
 */
public record EndpointSettings(
    String serverName, String serverVersion, Optional<String> instructions, int pageSize) {

  public EndpointSettings {
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(instructions, "instructions");
    if (pageSize < 0) {
      throw new IllegalArgumentException("page size must not be negative");
    }
  }

  public static EndpointSettings defaults() {
    return new EndpointSettings("gatehouse", GatewayVersion.VERSION, Optional.empty(), 0);
  }
}
