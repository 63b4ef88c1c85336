package dev.gatehouse.cli.admin;

import dev.gatehouse.cli.config.GatehouseConfig;
import java.net.URI;
import java.util.Set;

/**
 * Where a gateway configured by a file listens, as a client reaches it: a wildcard bind address
 * ({@code 0.0.0.0}) is reached on loopback.
 *
 * @param host the host to connect to
 * @param port the port
 */
public record GatewayAddress(String host, int port) {
  private static final Set<String> WILDCARD = Set.of("0.0.0.0", "::", "[::]", "");

  public static GatewayAddress of(GatehouseConfig config) {
    String host = WILDCARD.contains(config.host()) ? "127.0.0.1" : config.host();
    return new GatewayAddress(host, config.port());
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String base() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port;
  }

  public URI resolve(String path) {
    return URI.create(base() + path);
  }
}
