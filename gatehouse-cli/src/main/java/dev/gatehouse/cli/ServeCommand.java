package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.cli.reload.Hangup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse serve}: runs the gateway until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the gateway: one MCP endpoint at http://HOST:PORT/mcp.")
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", description = "Config file (default: discovered, see README).")
  Path config;

  @Option(names = "--host", description = "Address to bind (default 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "Port to bind (default 8000).")
  Integer port;

  @Option(names = "--demo", description = "Add the bundled demo upstreams.")
  boolean demo;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    GatehouseConfig settings;
    try {
      settings = ConfigLocator.system().load(Optional.ofNullable(config));
      if (host != null) {
        settings = settings.withHost(host);
      }
      if (port != null) {
        settings = settings.withPort(port);
      }
      if (demo) {
        settings = DemoUpstreams.addTo(settings);
      }
    } catch (ConfigException e) {
      err.println("gatehouse: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_CONFIG;
    }
    Daemon daemon;
    try {
      daemon = Daemon.start(settings, Optional.of(ConfigLocator.system().home()));
    } catch (ConfigException e) {
      err.println("gatehouse: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_CONFIG;
    } catch (RuntimeException e) {
      err.println("gatehouse: cannot start: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILED;
    }
    Hangup.onSignal(daemon::reload);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  stopped.countDown();
                },
                "gatehouse-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Gatehouse is listening on " + daemon.mcpUri());
    out.println(
        "Config: "
            + settings.source().map(Path::toString).orElse("(none)")
            + " - "
            + settings.servers().size()
            + " upstream server(s): "
            + String.join(", ", settings.servers().stream().map(s -> s.name()).toList()));
    out.println("Admin API: " + daemon.baseUri().resolve("/admin") + " (docs at /admin/docs)");
    out.println("Press Ctrl+C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }
}
