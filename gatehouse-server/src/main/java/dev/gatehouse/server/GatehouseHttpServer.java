package dev.gatehouse.server;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.server.container.HttpContainer;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.server.http.McpHandlerResolver;
import dev.gatehouse.server.http.StreamableHttpServlet;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's HTTP server: MCP endpoints, extra servlets and {@code /healthz}, served by {@link
 * HttpContainer}. Each connection has a virtual thread, so handlers may block.
 *
 * <pre>{@code
 * try (GatehouseHttpServer server = GatehouseHttpServer.builder()
 *     .mcp("/mcp", handler)
 *     .mcpPrefix("/mcp/g", group -> Optional.of(handlerFor(group)))
 *     .build()
 *     .start()) {
 *   URI endpoint = server.uri().resolve("/mcp");
 * }
 * }</pre>
 */
public final class GatehouseHttpServer implements AutoCloseable {
  private final HttpContainer container;
  private final List<StreamableHttpServlet> mcpServlets;
  private final String host;
  private final Duration stopTimeout;

  private GatehouseHttpServer(Builder builder) {
    container = new HttpContainer(builder.host, builder.port, builder.idleTimeout);
    HttpTransportOptions options = builder.options.toBuilder().allowHost(builder.host).build();
    mcpServlets = new ArrayList<>();
    for (Mount mount : builder.mounts) {
      StreamableHttpServlet servlet = StreamableHttpServlet.of(mount.resolver(), options);
      mcpServlets.add(servlet);
      container.servlet(mount.pathSpec(), servlet);
    }
    for (ExtraServlet extra : builder.servlets) {
      container.servlet(extra.pathSpec(), extra.servlet());
    }
    for (ExtraFilter extra : builder.filters) {
      container.filter(extra.pathSpec(), extra.filter());
    }
    container.servlet("/healthz", new HealthServlet());
    this.host = builder.host;
    this.stopTimeout = builder.stopTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a server and drops it unstarted, so that the classes of the next {@link Builder#build()}
   * are loaded. For a caller with a core to spare while it does something else; nothing is bound or
   * started.
   */
  public static void warmUp() {
    new GatehouseHttpServer(builder());
  }

  /** Starts listening; returns this for chaining. */
  public GatehouseHttpServer start() {
    try {
      container.start();
    } catch (IOException | RuntimeException e) {
      close();
      throw new IllegalStateException("Cannot start the HTTP server on " + host, e);
    }
    return this;
  }

  /** The port bound (the real one when 0 was asked for); -1 before start. */
  public int port() {
    return container.port();
  }

  public String host() {
    return host;
  }

  /** {@code http://host:port/} of the running server. */
  public URI uri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port() + "/");
  }

  /**
   * Stops gracefully: sessions end first (closing their GET streams), then in-flight requests get
   * up to the stop timeout to finish. Idempotent.
   */
  @Override
  public void close() {
    mcpServlets.forEach(StreamableHttpServlet::shutdown);
    container.stop(stopTimeout);
  }

  private record Mount(String pathSpec, McpHandlerResolver resolver) {}

  private record ExtraServlet(String pathSpec, HttpServlet servlet) {}

  private record ExtraFilter(String pathSpec, Filter filter) {}

  /** Builds a {@link GatehouseHttpServer}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private HttpTransportOptions options = HttpTransportOptions.defaults();
    private Duration stopTimeout = Duration.ofSeconds(5);
    private Duration idleTimeout = Duration.ofMinutes(5);
    private final List<Mount> mounts = new ArrayList<>();
    private final List<ExtraServlet> servlets = new ArrayList<>();
    private final List<ExtraFilter> filters = new ArrayList<>();

    private Builder() {}

    /** The address to bind; loopback by default. Names other than loopback join the Host list. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 0 (the default) picks a free one, see {@link GatehouseHttpServer#port()}. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder options(HttpTransportOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** How long a stop waits for in-flight requests. */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long a connection may sit idle between requests, or with a read or write stalled. A
     * handler that takes longer to answer is not cut off by it; SSE streams send keep-alives.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** An MCP endpoint at exactly {@code path} (such as {@code /mcp}). */
    public Builder mcp(String path, McpHandler handler) {
      mounts.add(new Mount(path, McpHandlerResolver.of(handler)));
      return this;
    }

    /**
     * MCP endpoints under {@code prefix}: a request to {@code prefix/rest} goes to the handler the
     * resolver picks for {@code rest}.
     */
    public Builder mcpPrefix(String prefix, McpHandlerResolver resolver) {
      String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      mounts.add(new Mount(base + "/*", resolver));
      return this;
    }

    /** Any other servlet, at a servlet path spec such as {@code /admin/*}. */
    public Builder servlet(String pathSpec, HttpServlet servlet) {
      servlets.add(new ExtraServlet(pathSpec, servlet));
      return this;
    }

    /**
     * A filter in front of every servlet its path spec covers ({@code /admin/*} guards all admin
     * servlets, whoever mounts them); filters run in the order added.
     */
    public Builder filter(String pathSpec, Filter filter) {
      filters.add(new ExtraFilter(pathSpec, filter));
      return this;
    }

    public GatehouseHttpServer build() {
      return new GatehouseHttpServer(this);
    }
  }
}
