package dev.gatehouse.server.admin;

import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.server.http.RequestGuard;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamConnections;
import dev.gatehouse.upstream.UpstreamOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin REST API over a {@link Directory}, and dynamic registration, installed into a {@link
 * GatehouseHttpServer}:
 *
 * <pre>{@code
 * GatehouseHttpServer.Builder http = GatehouseHttpServer.builder().mcp("/mcp", handler);
 * AdminApi.builder(directory)
 *     .adminToken(Optional.of(token))
 *     .connector(config -> UpstreamConnections.open(config, upstreamOptions))
 *     .build()
 *     .installInto(http);
 * }</pre>
 *
 * <p>Routes under {@code /admin} read and write the directory's servers and groups. Writes go to
 * the store and change nothing that runs until {@code POST /admin/reload} (or a write with {@code
 * ?reload=true}) applies them. A filter on {@code /admin/*} guards every admin servlet, this API's
 * and any other mounted there: Host and Origin checks, and the bearer token when one is set. With a
 * registration token, {@code /registry/servers} is mounted behind its own filter; without, it is
 * absent (404).
 */
public final class AdminApi {
  public static final String ADMIN_PATH = "/admin";
  public static final String REGISTRY_PATH = "/registry";
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(20);

  private final Directory directory;
  private final Optional<String> adminToken;
  private final Optional<String> registrationToken;
  private final HttpTransportOptions guardOptions;
  private final UpstreamProbe probe;
  private final String separator;
  private final Supplier<Directory.ReloadReport> reloader;
  private final Supplier<ObjectNode> moreStatus;

  private AdminApi(Builder builder) {
    this.directory = builder.directory;
    this.adminToken = builder.adminToken;
    this.registrationToken = builder.registrationToken;
    this.guardOptions = builder.guardOptions;
    this.probe = new UpstreamProbe(builder.connector, builder.probeTimeout);
    this.separator = builder.separator;
    this.reloader = builder.reloader == null ? directory::reload : builder.reloader;
    this.moreStatus = builder.moreStatus;
  }

  public static Builder builder(Directory directory) {
    return new Builder(directory);
  }

  /** Mounts the filters and servlets on {@code http}; call before {@code build()}. */
  public void installInto(GatehouseHttpServer.Builder http) {
    RequestGuard guard = new RequestGuard(guardOptions);
    http.filter(ADMIN_PATH + "/*", new BearerAccessFilter(guard, adminToken, "gatehouse-admin"));
    http.servlet(ADMIN_PATH + "/*", new RouterServlet(adminRouter()));
    if (registrationToken.isPresent()) {
      http.filter(
          REGISTRY_PATH + "/*",
          new BearerAccessFilter(guard, registrationToken, "gatehouse-registry"));
      http.servlet(REGISTRY_PATH + "/*", new RouterServlet(registrationRouter()));
    }
  }

  /** Every admin route, for the OpenAPI document's tests. */
  List<Router.Route> adminRoutes() {
    return adminRouter().routes();
  }

  List<Router.Route> registrationRoutes() {
    return registrationRouter().routes();
  }

  private Router adminRouter() {
    Router router = new Router();
    new ServerRoutes(directory, probe, separator).addTo(router);
    new GroupRoutes(directory).addTo(router);
    new GatewayRoutes(directory, reloader, moreStatus).addTo(router);
    return router;
  }

  private Router registrationRouter() {
    Router router = new Router();
    new RegistrationRoutes(directory, probe.timeout()).addTo(router);
    return router;
  }

  /** Configures an {@link AdminApi}. */
  public static final class Builder {
    private final Directory directory;
    private Optional<String> adminToken = Optional.empty();
    private Optional<String> registrationToken = Optional.empty();
    private HttpTransportOptions guardOptions = HttpTransportOptions.defaults();
    private Function<UpstreamConfig, UpstreamConnection> connector =
        config -> UpstreamConnections.open(config, UpstreamOptions.defaults());
    private Duration probeTimeout = DEFAULT_PROBE_TIMEOUT;
    private String separator = Namespace.DEFAULT_SEPARATOR;
    private Supplier<Directory.ReloadReport> reloader;
    private Supplier<ObjectNode> moreStatus = Json::object;

    private Builder(Directory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The bearer token every {@code /admin} route requires; empty leaves them open. */
    public Builder adminToken(Optional<String> token) {
      this.adminToken = checked(token, "admin token");
      return this;
    }

    /** The bearer token of {@code /registry/servers}; empty leaves those routes unmounted. */
    public Builder registrationToken(Optional<String> token) {
      this.registrationToken = checked(token, "registration token");
      return this;
    }

    /**
     * The Host and Origin rules, as for the MCP endpoint (pass the same options, including the bind
     * host).
     */
    public Builder guard(HttpTransportOptions options) {
      this.guardOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Opens the temporary connections of {@code /test}, {@code /tools} of a server not running;
     * pass the gateway's own, so the server sees the same client capabilities.
     */
    public Builder connector(Function<UpstreamConfig, UpstreamConnection> connector) {
      this.connector = Objects.requireNonNull(connector, "connector");
      return this;
    }

    /** How long a temporary connection, or a registration, waits for the upstream. */
    public Builder probeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the probe timeout must be positive");
      }
      this.probeTimeout = timeout;
      return this;
    }

    /** Between prefix and name in exposed names, as the gateway's. */
    public Builder separator(String separator) {
      this.separator = Objects.requireNonNull(separator, "separator");
      return this;
    }

    /**
     * What {@code POST /admin/reload} runs instead of {@link Directory#reload()}: the daemon reads
     * its config and rules files again first.
     */
    public Builder reloader(Supplier<Directory.ReloadReport> reload) {
      this.reloader = Objects.requireNonNull(reload, "reload");
      return this;
    }

    /** Fields added to {@code GET /admin/status} (reload status, agents), read per request. */
    public Builder status(Supplier<ObjectNode> more) {
      this.moreStatus = Objects.requireNonNull(more, "more");
      return this;
    }

    public AdminApi build() {
      return new AdminApi(this);
    }

    private static Optional<String> checked(Optional<String> token, String what) {
      Objects.requireNonNull(token, what);
      if (token.isPresent() && token.get().isBlank()) {
        throw new IllegalArgumentException("the " + what + " must not be blank");
      }
      return token;
    }
  }
}
