package dev.gatehouse.cli.governance;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.policy.Glob;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the {@code policy}, {@code hil} and {@code plugins} sections of the config file. Unknown
 * keys inside them are mistakes (a misspelt {@code confirm} would silently let calls through), so
 * they are refused, naming the key.
 */
public final class GovernanceConfigParser {
  private static final Set<String> POLICY_KEYS =
      Set.of("deny", "confirm", "audit", "audit_arguments");
  private static final Set<String> HIL_KEYS =
      Set.of("enabled", "auto_open_browser", "timeout_seconds", "webhook");
  private static final String AUDIT_FILE = "audit.jsonl";

  private GovernanceConfigParser() {}

  /**
   * @param raw the whole config file
   * @param home {@code $GATEHOUSE_HOME}, where {@code "audit": true} writes
   * @param base the config file's directory, against which a relative audit path resolves
   * @param where how to name the file in messages
   */
  public static GovernanceConfig parse(ObjectNode raw, Path home, Path base, String where) {
    ObjectNode policy = section(raw, "policy", POLICY_KEYS, where);
    ObjectNode hil = section(raw, "hil", HIL_KEYS, where);
    return new GovernanceConfig(
        globs(policy, "deny", where),
        globs(policy, "confirm", where),
        audit(policy.get("audit"), home, base, where),
        bool(policy, "audit_arguments", false, "policy", where),
        hil(hil, where),
        plugins(raw.get("plugins"), where));
  }

  private static ObjectNode section(ObjectNode raw, String name, Set<String> keys, String where) {
    JsonNode node = raw.get(name);
    if (node == null || node.isNull()) {
      return raw.objectNode();
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ConfigException(where + ": \"" + name + "\" must be an object");
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (!keys.contains(entry.getKey())) {
        throw new ConfigException(
            where
                + ": \""
                + name
                + "."
                + entry.getKey()
                + "\" is not a setting; use "
                + String.join(", ", keys.stream().sorted().toList()));
      }
    }
    return object;
  }

  private static List<String> globs(ObjectNode policy, String field, String where) {
    JsonNode value = policy.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ConfigException(where + ": \"policy." + field + "\" must be an array of globs");
    }
    List<String> globs = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString() || item.stringValue().isBlank()) {
        throw new ConfigException(
            where + ": \"policy." + field + "\" must hold only non-empty strings");
      }
      Glob.of(item.stringValue());
      globs.add(item.stringValue());
    }
    return globs;
  }

  private static Optional<Path> audit(JsonNode value, Path home, Path base, String where) {
    if (value == null || value.isNull() || (value.isBoolean() && !value.booleanValue())) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(home.resolve(AUDIT_FILE));
    }
    if (value.isString() && !value.stringValue().isBlank()) {
      try {
        return Optional.of(base.resolve(value.stringValue()).normalize());
      } catch (InvalidPathException e) {
        throw new ConfigException(
            where + ": \"policy.audit\" is not a valid path: " + e.getMessage());
      }
    }
    throw new ConfigException(
        where + ": \"policy.audit\" must be true, false or the path of the audit log");
  }

  private static HilConfig hil(ObjectNode hil, String where) {
    if (hil.isEmpty()) {
      return HilConfig.OFF;
    }
    JsonNode seconds = hil.get("timeout_seconds");
    Duration timeout = HilConfig.OFF.timeout();
    if (seconds != null && !seconds.isNull()) {
      if (!seconds.isIntegralNumber() || !seconds.canConvertToInt() || seconds.intValue() <= 0) {
        throw new ConfigException(where + ": \"hil.timeout_seconds\" must be a positive integer");
      }
      timeout = Duration.ofSeconds(seconds.intValue());
    }
    return new HilConfig(
        bool(hil, "enabled", false, "hil", where),
        bool(hil, "auto_open_browser", true, "hil", where),
        timeout,
        webhook(hil.get("webhook"), where));
  }

  private static Optional<URI> webhook(JsonNode value, String where) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    String problem = where + ": \"hil.webhook\" must be an http or https URL";
    if (!value.isString()) {
      throw new ConfigException(problem);
    }
    try {
      URI uri = new URI(value.stringValue());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new ConfigException(problem + ", not " + value.stringValue());
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ConfigException(problem + ": " + e.getMessage());
    }
  }

  private static List<String> plugins(JsonNode value, String where) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ConfigException(where + ": \"plugins\" must be an array of plugin names");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString()) {
        throw new ConfigException(where + ": \"plugins\" must hold only plugin names");
      }
      if (names.contains(item.stringValue())) {
        throw new ConfigException(where + ": \"plugins\" names " + item.stringValue() + " twice");
      }
      names.add(item.stringValue());
    }
    return names;
  }

  private static boolean bool(
      ObjectNode node, String field, boolean otherwise, String section, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.isBoolean()) {
      throw new ConfigException(
          where + ": \"" + section + "." + field + "\" must be true or false");
    }
    return value.booleanValue();
  }
}
