package dev.gatehouse.cli.agent;

import dev.gatehouse.cli.ExitCodes;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.cli.config.RegistrySettings;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.store.jdbc.Stores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the key commands share: they work on the store the config names (the same one the gateway
 * uses, whether it runs or not), and turn failures into one line on stderr and an exit code — 1
 * when the store fails, 2 when the input or the config is wrong.
 */
abstract class StoreVerb implements Callable<Integer> {
  @Spec CommandSpec commandSpec;

  @Option(
      names = "--config",
      description = "Config file of the gateway (default: discovered as for serve).")
  Path config;

  /** Does the command's work on the open store; writes its result to {@code out}. */
  abstract void run(Store store, PrintWriter out);

  @Override
  public final Integer call() {
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    try {
      ConfigLocator locator = ConfigLocator.system();
      GatehouseConfig settings = locator.load(Optional.ofNullable(config));
      String location = RegistrySettings.of(settings).store().orElse("");
      if (location.strip().equalsIgnoreCase("memory")) {
        throw new ConfigException(
            "the config's store is \"memory\": API keys need a store that lasts (sqlite or"
                + " postgresql)");
      }
      try (Store store = Stores.open(location, locator.home())) {
        run(store, out);
      }
      return ExitCodes.OK;
    } catch (ConfigException e) {
      return fail(err, e.getMessage(), ExitCodes.BAD_CONFIG);
    } catch (StoreException e) {
      int code =
          e.kind() == StoreException.Kind.UNAVAILABLE ? ExitCodes.FAILED : ExitCodes.BAD_CONFIG;
      return fail(err, e.getMessage(), code);
    } finally {
      out.flush();
    }
  }

  private static int fail(PrintWriter err, String message, int code) {
    err.println("gatehouse: " + message);
    err.flush();
    return code;
  }
}
