package dev.gatehouse.server;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.server.http.McpHandlerResolver;
import dev.gatehouse.server.http.StreamableHttpServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty serving MCP endpoints, extra servlets and {@code /healthz}. Requests run on
 * virtual threads, so handlers may block.
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
  /**
   * Jetty pads its thread pool's queue by references per cache line. Unless told, it asks the
   * platform MBean server whether references are compressed, and starting JMX for that one answer
   * took 40% of building the server. They are whenever the heap is under 32 GB.
   */
  private static final String REFERENCES_PER_CACHE_LINE =
      "org.eclipse.jetty.util.referencesPerCacheLine";

  static {
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
      int referenceBytes = Runtime.getRuntime().maxMemory() < (32L << 30) ? 4 : 8;
      System.setProperty(REFERENCES_PER_CACHE_LINE, String.valueOf(64 / referenceBytes));
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final List<StreamableHttpServlet> mcpServlets;
  private final String host;

  private GatehouseHttpServer(Builder builder) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("gatehouse-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server = new Server(threads);
    server.setStopTimeout(builder.stopTimeout.toMillis());
    connector = new ServerConnector(server);
    connector.setHost(builder.host);
    connector.setPort(builder.port);
    connector.setIdleTimeout(builder.idleTimeout.toMillis());
    server.addConnector(connector);

    HttpTransportOptions options = builder.options.toBuilder().allowHost(builder.host).build();
    ServletContextHandler context = new ServletContextHandler("/");
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowMessageInTitle(false);
    context.setErrorHandler(errors);
    server.setErrorHandler(errors);
    mcpServlets = new ArrayList<>();
    for (Mount mount : builder.mounts) {
      StreamableHttpServlet servlet = StreamableHttpServlet.of(mount.resolver(), options);
      mcpServlets.add(servlet);
      ServletHolder holder = new ServletHolder(servlet);
      holder.setInitOrder(0);
      context.addServlet(holder, mount.pathSpec());
    }
    for (ExtraServlet extra : builder.servlets) {
      context.addServlet(new ServletHolder(extra.servlet()), extra.pathSpec());
    }
    for (ExtraFilter extra : builder.filters) {
      context.addFilter(
          new FilterHolder(extra.filter()), extra.pathSpec(), EnumSet.of(DispatcherType.REQUEST));
    }
    context.addServlet(new ServletHolder(new HealthServlet()), "/healthz");
    server.setHandler(new GracefulHandler(context));
    this.host = builder.host;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a server and drops it unstarted: Jetty's classes are initialized (its MIME and locale
   * tables among them), so that the next {@link Builder#build()} takes a fraction of the time. For
   * a caller with a core to spare while it does something else; nothing is bound or started.
   */
  public static void warmUp() {
    new GatehouseHttpServer(builder());
  }

  /** Starts listening; returns this for chaining. */
  public GatehouseHttpServer start() {
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("Cannot start the HTTP server on " + host, e);
    }
    return this;
  }

  /** The port bound (the real one when 0 was asked for); -1 before start. */
  public int port() {
    return connector.getLocalPort();
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
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Stopping the HTTP server failed", e);
    }
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
