package dev.gatehouse.cli.admin;

import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.cli.reload.HotReload;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.admin.AdminApi;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** How the daemon installs the admin API and registration from its config. */
public final class AdminMount {
  private AdminMount() {}

  /**
   * Mounts {@code /admin} (and {@code /registry/servers} when {@code registration_token} is set).
   *
   * @param options the MCP endpoint's HTTP options: the admin routes take the same Host and Origin
   *     rules
   * @param connector opens the temporary connections of {@code /test} and {@code /tools}, with the
   *     capabilities the gateway declares upstream
   * @param reload what {@code POST /admin/reload} runs: the config and rules files read again, then
   *     the directory's reload; its status shows in {@code GET /admin/status}
   * @param agents the agents' part of the status
   * @throws dev.gatehouse.cli.config.ConfigException when a token key is malformed
   */
  public static void install(
      GatehouseConfig config,
      Directory directory,
      HttpTransportOptions options,
      Function<UpstreamConfig, UpstreamConnection> connector,
      GatehouseHttpServer.Builder http,
      HotReload reload,
      Supplier<ObjectNode> agents) {
    AdminSettings settings = AdminSettings.of(config);
    AdminApi.builder(directory)
        .adminToken(settings.adminToken())
        .registrationToken(settings.registrationToken())
        .guard(options.toBuilder().allowHost(config.host()).build())
        .connector(connector)
        .reloader(reload::reload)
        .status(() -> {
          ObjectNode more = Json.object();
          more.set("reload", reload.status());
          more.set("agents", agents.get());
          return more;
        })
        .build()
        .installInto(http);
  }
}
