package dev.gatehouse.discovery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one endpoint presents its tools. Each endpoint (the main one, later each group) holds its
 * own, so a group can run in another mode than the main endpoint.
 *
 * @param mode what {@code tools/list} shows
 * @param domainDescriptions one line per server name, shown by the meta-tools and instructions; a
 *     server without one is described by what it says about itself at initialize
 */
public record DiscoverySettings(EndpointMode mode, Map<String, String> domainDescriptions) {

  public DiscoverySettings {
    Objects.requireNonNull(mode, "mode");
    domainDescriptions = Map.copyOf(domainDescriptions);
  }

  /** A flat endpoint: upstream tools listed, no meta-tools. */
  public static DiscoverySettings flat() {
    return new DiscoverySettings(EndpointMode.FLAT, Map.of());
  }

  public static DiscoverySettings of(EndpointMode mode) {
    return new DiscoverySettings(mode, Map.of());
  }

  public DiscoverySettings withMode(EndpointMode newMode) {
    return new DiscoverySettings(newMode, domainDescriptions);
  }

  public Optional<String> description(String server) {
    return Optional.ofNullable(domainDescriptions.get(server));
  }

  /**
   * Reads the settings from a whole config file: the top-level {@code "mode"} and each {@code
   * mcpServers.NAME.description}.
   *
   * @throws IllegalArgumentException naming the key that is wrong
   */
  public static DiscoverySettings fromConfig(ObjectNode root) {
    EndpointMode mode = EndpointMode.FLAT;
    JsonNode modeNode = root.get("mode");
    if (modeNode != null && !modeNode.isNull()) {
      if (!modeNode.isString()) {
        throw new IllegalArgumentException("\"mode\" must be a string: flat, discovery or hybrid");
      }
      try {
        mode = EndpointMode.parse(modeNode.stringValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"mode\": " + e.getMessage());
      }
    }
    Map<String, String> descriptions = new LinkedHashMap<>();
    if (root.get("mcpServers") instanceof ObjectNode servers) {
      for (Map.Entry<String, JsonNode> server : servers.properties()) {
        JsonNode description = server.getValue().get("description");
        if (description == null || description.isNull()) {
          continue;
        }
        if (!description.isString()) {
          throw new IllegalArgumentException(
              "mcpServers.\"" + server.getKey() + "\": \"description\" must be a string");
        }
        descriptions.put(server.getKey(), description.stringValue());
      }
    }
    return new DiscoverySettings(mode, descriptions);
  }
}
