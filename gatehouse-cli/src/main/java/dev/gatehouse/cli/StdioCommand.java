package dev.gatehouse.cli;

import dev.gatehouse.Gateway;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.server.stdio.StdioServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse stdio}: serves the gateway over stdin/stdout for clients that spawn a local
 * server. Logs go to stderr; stdout carries only protocol messages.
 */
@Command(
    name = "stdio",
    mixinStandardHelpOptions = true,
    description = "Serve the gateway over stdin/stdout (for clients that start a local server).")
final class StdioCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", description = "Config file (default: discovered, see README).")
  Path config;

  @Option(names = "--demo", description = "Add the bundled demo upstreams.")
  boolean demo;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    GatehouseConfig settings;
    try {
      settings = ConfigLocator.system().load(Optional.ofNullable(config));
      if (demo) {
        settings = DemoUpstreams.addTo(settings);
      }
    } catch (ConfigException e) {
      err.println("gatehouse: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_CONFIG;
    }
    Gateway engine;
    try {
      engine = Daemon.gateway(settings);
    } catch (ConfigException e) {
      err.println("gatehouse: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_CONFIG;
    }
    try (Gateway gateway = engine.start()) {
      StdioServer.of(gateway.handler(), System.in, System.out).run();
    }
    return ExitCodes.OK;
  }
}
