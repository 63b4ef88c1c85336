package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.store.ServerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The upstreams {@code serve --demo} adds: the bundled demo server, started as a real stdio child
 * process from this very distribution, so a newcomer sees tools without installing anything.
 */
final class DemoUpstreams {
  static final String DEMO = "demo";

  private DemoUpstreams() {}

  static GatehouseConfig addTo(GatehouseConfig config) {
    if (config.servers().stream().anyMatch(s -> s.name().equals(DEMO))) {
      throw new ConfigException(
          "--demo adds a server named \"" + DEMO + "\", and the config already has one");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<ServerSpec> servers = new ArrayList<>(config.servers());
    servers.add(
        ServerSpec.stdio(
            DEMO,
            java,
            List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gatehouse.testkit.DemoServerMain")));
    return config.withServers(servers);
  }
}
