package dev.gatehouse.cli.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the daemon keeps its registry: where the store is, what happens to the catalog at startup,
 * and how often upstreams are re-listed.
 *
 * @param store the {@code "store"} value: {@code sqlite} (default), {@code sqlite:PATH}, {@code
 *     postgresql://...} or {@code memory}; empty means the default
 * @param startupCatalog {@code "startup_catalog"}
 * @param refreshInterval {@code "refresh_interval_seconds"}, when set
 */
public record RegistrySettings(
    Optional<String> store, StartupCatalog startupCatalog, Optional<Duration> refreshInterval) {

  /** What the catalog does while the gateway starts. */
  public enum StartupCatalog {
    /** Serve the last-known catalog at once and list upstreams in the background (default). */
    BACKGROUND,
    /** Wait until every upstream has been listed or found unavailable before serving. */
    REFRESH,
    /** Serve the last-known catalog only; upstreams are listed on reload or refresh. */
    SKIP
  }

  public static RegistrySettings of(GatehouseConfig config) {
    ObjectNode raw = config.raw();
    String where = config.source().map(p -> "config file " + p).orElse("config");
    Optional<String> store = text(raw, "store", where);
    StartupCatalog startup =
        text(raw, "startup_catalog", where)
            .map(value -> {
              try {
                return StartupCatalog.valueOf(value.toUpperCase(Locale.ROOT));
              } catch (IllegalArgumentException e) {
                throw new ConfigException(
                    where
                        + ": \"startup_catalog\" must be \"background\", \"refresh\" or \"skip\","
                        + " not \""
                        + value
                        + "\"");
              }
            })
            .orElse(StartupCatalog.BACKGROUND);
    Optional<Duration> interval = Optional.empty();
    JsonNode seconds = raw.get("refresh_interval_seconds");
    if (seconds != null && !seconds.isNull()) {
      if (!seconds.isIntegralNumber() || seconds.asLong() <= 0) {
        throw new ConfigException(
            where + ": \"refresh_interval_seconds\" must be a positive whole number");
      }
      interval = Optional.of(Duration.ofSeconds(seconds.asLong()));
    }
    return new RegistrySettings(store, startup, interval);
  }

  private static Optional<String> text(ObjectNode raw, String field, String where) {
    JsonNode value = raw.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString()) {
      throw new ConfigException(where + ": \"" + field + "\" must be a string");
    }
    return Optional.of(value.stringValue());
  }
}
