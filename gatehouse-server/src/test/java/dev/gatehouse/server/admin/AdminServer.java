package dev.gatehouse.server.admin;

import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.registry.UpstreamRegistry;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.Store;
import dev.gatehouse.upstream.Backoff;
import dev.gatehouse.upstream.UpstreamConnections;
import dev.gatehouse.upstream.UpstreamOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A gateway's admin side for tests: a store, a started registry of real upstream connections, a
 * directory over both and the admin API on an ephemeral loopback port.
 */
final class AdminServer implements AutoCloseable {
  static final UpstreamOptions OPTIONS =
      UpstreamOptions.defaults()
          .withBackoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0))
          .withEnvironment(name -> Optional.empty());

  final Store store;
  final UpstreamRegistry registry;
  final Directory directory;
  final GatehouseHttpServer http;

  AdminServer(Store store, List<ServerSpec> configServers, Consumer<AdminApi.Builder> options) {
    this(store, configServers, options, http -> {});
  }

  AdminServer(
      Store store,
      List<ServerSpec> configServers,
      Consumer<AdminApi.Builder> options,
      Consumer<GatehouseHttpServer.Builder> more) {
    this.store = store;
    this.registry =
        new UpstreamRegistry(
            List.of(), c -> UpstreamConnections.open(c, OPTIONS), Namespace.DEFAULT_SEPARATOR);
    this.directory = new Directory(store, configServers, registry);
    registry.start();
    directory.reload();
    AdminApi.Builder admin =
        AdminApi.builder(directory)
            .connector(c -> UpstreamConnections.open(c, OPTIONS))
            .probeTimeout(Duration.ofSeconds(20));
    options.accept(admin);
    GatehouseHttpServer.Builder builder = GatehouseHttpServer.builder();
    admin.build().installInto(builder);
    more.accept(builder);
    this.http = builder.build().start();
  }

  static AdminServer inMemory() {
    return new AdminServer(InMemoryStore.create(), List.of(), admin -> {});
  }

  URI uri() {
    return http.uri();
  }

  AdminClient client() {
    return new AdminClient(http.uri());
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      http.close();
    }
  }
}
