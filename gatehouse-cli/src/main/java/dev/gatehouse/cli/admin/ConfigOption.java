package dev.gatehouse.cli.admin;

import dev.gatehouse.cli.config.ConfigLocator;
import dev.gatehouse.cli.config.GatehouseConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config}: the admin commands find the gateway through the same file as {@code serve}. */
public final class ConfigOption {
  @Option(
      names = "--config",
      description = "Config file of the running gateway (default: discovered as for serve).")
  Path config;

  GatehouseConfig load() {
    return ConfigLocator.system().load(Optional.ofNullable(config));
  }
}
