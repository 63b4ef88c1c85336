package dev.gatehouse.cli.config;

import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.upstream.UpstreamConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's config file, typed. Keys are snake_case in the file; {@code mcpServers} is the
 * standard {@code .mcp.json} block.
 *
 * @param source the file it was read from, if any
 * @param host the address to bind
 * @param port the port to bind
 * @param servers the file-managed upstreams, in file order (disabled ones included)
 * @param instructions instructions for clients, if configured
 * @param allowedOrigins browser origins allowed besides loopback ones
 * @param allowedHosts {@code Host} header names allowed besides loopback ones and the bind host
 * @param streamResponses answer every MCP request as an SSE stream ({@code stream_responses})
 * @param raw the whole file, for settings that later parts of the gateway read
 */
public record GatehouseConfig(
    Optional<Path> source,
    String host,
    int port,
    List<ServerSpec> servers,
    Optional<String> instructions,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    boolean streamResponses,
    ObjectNode raw) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8000;

  public GatehouseConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(host, "host");
    servers = List.copyOf(servers);
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  public GatehouseConfig withHost(String newHost) {
    return new GatehouseConfig(
        source,
        newHost,
        port,
        servers,
        instructions,
        allowedOrigins,
        allowedHosts,
        streamResponses,
        raw);
  }

  public GatehouseConfig withPort(int newPort) {
    return new GatehouseConfig(
        source,
        host,
        newPort,
        servers,
        instructions,
        allowedOrigins,
        allowedHosts,
        streamResponses,
        raw);
  }

  /** What to connect to: the enabled file-managed servers. */
  public List<UpstreamConfig> upstreams() {
    return servers.stream().filter(ServerSpec::enabled).map(ServerSpec::toUpstreamConfig).toList();
  }

  public GatehouseConfig withServers(List<ServerSpec> newServers) {
    return new GatehouseConfig(
        source,
        host,
        port,
        newServers,
        instructions,
        allowedOrigins,
        allowedHosts,
        streamResponses,
        raw);
  }
}
