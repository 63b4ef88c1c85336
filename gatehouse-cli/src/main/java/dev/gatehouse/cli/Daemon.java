package dev.gatehouse.cli;

import dev.gatehouse.Gateway;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.routing.EndpointSettings;
import dev.gatehouse.routing.GatewayVersion;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.upstream.UpstreamConnections;
import dev.gatehouse.upstream.UpstreamOptions;
import java.net.URI;
import tools.jackson.databind.node.ObjectNode;

/**
 * A running gateway built from a config: the engine, its upstream connections and the HTTP server.
 * What {@code gatehouse serve} runs, and what end-to-end tests start in-process.
 */
public final class Daemon implements AutoCloseable {
  private static final java.util.Set<String> WILDCARD_HOSTS =
      java.util.Set.of("0.0.0.0", "::", "[::]");

  private final Gateway gateway;
  private final GatehouseHttpServer server;

  private Daemon(Gateway gateway, GatehouseHttpServer server) {
    this.gateway = gateway;
    this.server = server;
  }

  /** Starts connecting upstreams and serving HTTP; returns once the port is bound. */
  public static Daemon start(GatehouseConfig config) {
    Gateway gateway = gateway(config);
    HttpTransportOptions.Builder http = HttpTransportOptions.builder();
    config.allowedOrigins().forEach(http::allowOrigin);
    config.allowedHosts().forEach(http::allowHost);
    http.streamResponses(config.streamResponses());
    if (!WILDCARD_HOSTS.contains(config.host())) {
      // Clients of a gateway bound to a named address send that name as Host.
      http.allowHost(config.host());
    }
    GatehouseHttpServer server;
    try {
      gateway.start();
      server =
          GatehouseHttpServer.builder()
              .host(config.host())
              .port(config.port())
              .options(http.build())
              .mcp("/mcp", gateway.handler())
              .build()
              .start();
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
    return new Daemon(gateway, server);
  }

  /** The engine for a config, not yet started; shared by {@code serve} and {@code stdio}. */
  static Gateway gateway(GatehouseConfig config) {
    UpstreamOptions upstreamOptions =
        UpstreamOptions.defaults().withClientCapabilities(upstreamCapabilities());
    return Gateway.builder()
        .upstreams(config.servers())
        .settings(
            new EndpointSettings("gatehouse", GatewayVersion.VERSION, config.instructions(), 0))
        .connector(c -> UpstreamConnections.open(c, upstreamOptions))
        .discovery(ConfigParser.discovery(config.raw(), "the config"))
        .build();
  }

  /**
   * What the gateway declares to upstreams: everything it can route back to a client, so tools that
   * need sampling, elicitation or roots are listed.
   */
  static ObjectNode upstreamCapabilities() {
    ObjectNode capabilities = Json.object();
    capabilities.putObject("roots").put("listChanged", true);
    capabilities.putObject("sampling");
    ObjectNode elicitation = capabilities.putObject("elicitation");
    elicitation.putObject("form");
    elicitation.putObject("url");
    return capabilities;
  }

  public Gateway gateway() {
    return gateway;
  }

  /** The MCP endpoint, {@code http://host:port/mcp}. */
  public URI mcpUri() {
    return server.uri().resolve("/mcp");
  }

  public int port() {
    return server.port();
  }

  /**
   * Stops: the upstreams first, so calls still running end at once with a SERVER_UNAVAILABLE error
   * their clients receive, then the HTTP server, which by then has nothing left to wait for.
   */
  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      server.close();
    }
  }
}
