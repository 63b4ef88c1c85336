package dev.gatehouse.cli.admin;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.upstream.Placeholders;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The config keys of the admin surfaces, read from the config file's top level:
 *
 * <ul>
 *   <li>{@code admin_token}: every {@code /admin} route requires {@code Authorization: Bearer
 *       <token>}; the CLI sends it;
 *   <li>{@code registration_token}: mounts {@code /registry/servers} behind this bearer token.
 * </ul>
 *
 * Either may be a reference, {@code "${env:GATEHOUSE_ADMIN_TOKEN}"} or {@code "${file:path}"}, so
 * the secret stays out of the file; the daemon and the CLI resolve it the same way.
 *
 * @param adminToken the admin API's token; empty leaves the API open (it still only answers
 *     loopback Host and Origin by default)
 * @param registrationToken dynamic registration's token; empty leaves it unmounted
 */
public record AdminSettings(Optional<String> adminToken, Optional<String> registrationToken) {
  public static final String ADMIN_TOKEN = "admin_token";
  public static final String REGISTRATION_TOKEN = "registration_token";

  /**
   * @throws ConfigException naming the key when a value is not a non-empty string or its reference
   *     cannot be resolved
   */
  public static AdminSettings of(GatehouseConfig config) {
    return of(config.raw(), Placeholders.fromSystem(), where(config));
  }

  static AdminSettings of(ObjectNode raw, Placeholders placeholders, String where) {
    return new AdminSettings(
        token(raw, ADMIN_TOKEN, placeholders, where),
        token(raw, REGISTRATION_TOKEN, placeholders, where));
  }

  private static Optional<String> token(
      ObjectNode raw, String key, Placeholders placeholders, String where) {
    JsonNode value = raw == null ? null : raw.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString() || value.stringValue().isBlank()) {
      throw new ConfigException(where + ": \"" + key + "\" must be a non-empty string");
    }
    String resolved;
    try {
      resolved = placeholders.resolve(value.stringValue());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": \"" + key + "\": " + e.getMessage());
    }
    if (resolved.isBlank()) {
      throw new ConfigException(where + ": \"" + key + "\" resolves to an empty token");
    }
    return Optional.of(resolved.strip());
  }

  private static String where(GatehouseConfig config) {
    return config.source().map(p -> "config file " + p).orElse("config");
  }
}
