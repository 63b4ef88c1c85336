package dev.gatehouse.cli.admin;

import dev.gatehouse.cli.ExitCodes;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.store.StoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every admin command shares: find the config, reach the running gateway's admin API with its
 * token, and turn any failure into one line on stderr and an exit code — 1 when the gateway is not
 * running or failed, 2 when the input or the config is wrong.
 */
abstract class AdminVerb implements Callable<Integer> {
  @Spec CommandSpec commandSpec;

  @Mixin ConfigOption configOption;

  /** Does the command's work; writes its result to {@code out}. */
  abstract void run(AdminApiClient admin, PrintWriter out);

  @Override
  public final Integer call() {
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    try {
      GatehouseConfig config = configOption.load();
      try (AdminApiClient admin =
          new AdminApiClient(GatewayAddress.of(config), AdminSettings.of(config).adminToken())) {
        run(admin, out);
      }
      return ExitCodes.OK;
    } catch (ConfigException e) {
      return fail(err, e.getMessage(), ExitCodes.BAD_CONFIG);
    } catch (StoreException e) {
      return fail(err, e.getMessage(), ExitCodes.BAD_CONFIG);
    } catch (AdminCallException e) {
      return fail(err, e.getMessage(), e.exitCode());
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
