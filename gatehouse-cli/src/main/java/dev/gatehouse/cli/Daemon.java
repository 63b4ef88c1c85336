package dev.gatehouse.cli;

import dev.gatehouse.Gateway;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.cli.governance.Governance;
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
    Governance governance = Governance.from(config, true);
    Gateway gateway = gateway(config, governance);
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
      HttpTransportOptions options = http.build();
      GatehouseHttpServer.Builder builder =
          GatehouseHttpServer.builder()
              .host(config.host())
              .port(config.port())
              .options(options)
              .mcp("/mcp", gateway.handler());
      governance.mount(builder, gateway, options);
      server = builder.build().start();
      governance.served(server.uri());
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
    return new Daemon(gateway, server);
  }

  /** The engine for a config, not yet started; shared by {@code serve} and {@code stdio}. */
  static Gateway gateway(GatehouseConfig config) {
    return gateway(config, Governance.from(config, false));
  }

  private static Gateway gateway(GatehouseConfig config, Governance governance) {
    UpstreamOptions upstreamOptions =
        UpstreamOptions.defaults().withClientCapabilities(upstreamCapabilities());
    Gateway.Builder builder =
        Gateway.builder()
            .upstreams(config.upstreams())
            .settings(
                new EndpointSettings("gatehouse", GatewayVersion.VERSION, config.instructions(), 0))
            .connector(c -> UpstreamConnections.open(c, upstreamOptions));
    return governance.applyTo(builder).build();
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
