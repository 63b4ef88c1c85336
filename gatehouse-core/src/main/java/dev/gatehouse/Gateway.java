package dev.gatehouse;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.policy.View;
import dev.gatehouse.registry.UpstreamRegistry;
import dev.gatehouse.routing.EndpointSettings;
import dev.gatehouse.routing.GatewayHandler;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A gateway in front of a set of upstream MCP servers: the entry point for embedding. Build it,
 * {@link #start()} it, and serve {@link #handler()} through any transport (the Streamable HTTP
 * servlet, stdio, or in-process).
 */
public final class Gateway implements AutoCloseable {
  private final UpstreamRegistry registry;
  private final GatewayHandler handler;
  private final EndpointSettings settings;
  private final DiscoverySettings discovery;

  private Gateway(Builder builder) {
    this.settings = builder.settings;
    this.discovery = builder.discovery;
    this.registry = new UpstreamRegistry(builder.upstreams, builder.connector, builder.separator);
    this.handler =
        new GatewayHandler(registry, builder.settings, exchange -> View.all(), builder.discovery);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts connecting to every upstream; returns at once. Tools appear as upstreams get ready. */
  public Gateway start() {
    registry.start();
    return this;
  }

  /** The gateway as an MCP server, for transports to drive. */
  public McpHandler handler() {
    return handler;
  }

  /**
   * Another endpoint on the same upstreams, showing each caller what {@code views} lets it see: a
   * group endpoint, or one with per-caller rules. Keep the handler for as long as the endpoint is
   * served; each one follows catalog changes.
   */
  public McpHandler endpoint(Function<Exchange, View> views) {
    return new GatewayHandler(registry, settings, views, discovery);
  }

  public Catalog catalog() {
    return registry.catalog();
  }

  public UpstreamRegistry registry() {
    return registry;
  }

  /** Closes every upstream connection and stops child processes. */
  @Override
  public void close() {
    registry.close();
  }

  /** Configures a {@link Gateway}. */
  public static final class Builder {
    private final List<UpstreamConfig> upstreams = new ArrayList<>();
    private Function<UpstreamConfig, UpstreamConnection> connector;
    private String separator = Namespace.DEFAULT_SEPARATOR;
    private EndpointSettings settings = EndpointSettings.defaults();
    private DiscoverySettings discovery = DiscoverySettings.flat();

    private Builder() {}

    public Builder upstream(UpstreamConfig upstream) {
      upstreams.add(Objects.requireNonNull(upstream, "upstream"));
      return this;
    }

    public Builder upstreams(Collection<UpstreamConfig> more) {
      more.forEach(this::upstream);
      return this;
    }

    /** How connections are opened; tests pass in-memory ones. */
    public Builder connector(Function<UpstreamConfig, UpstreamConnection> connector) {
      this.connector = Objects.requireNonNull(connector, "connector");
      return this;
    }

    /** Between prefix and name in exposed names; {@code _} by default. */
    public Builder separator(String separator) {
      if (separator.isEmpty()
          || separator.chars().anyMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
        throw new IllegalArgumentException(
            "the separator must be non-empty and hold no letters, digits or '-'");
      }
      this.separator = separator;
      return this;
    }

    public Builder settings(EndpointSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The endpoint's mode (flat, discovery, hybrid) and domain descriptions; flat by default. */
    public Builder discovery(DiscoverySettings discovery) {
      this.discovery = Objects.requireNonNull(discovery, "discovery");
      return this;
    }

    public Gateway build() {
      Objects.requireNonNull(connector, "connector");
      return new Gateway(this);
    }
  }
}
