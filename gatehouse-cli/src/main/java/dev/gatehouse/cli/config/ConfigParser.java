package dev.gatehouse.cli.config;

import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads the JSON config text into a {@link GatehouseConfig}, naming the place of any mistake. */
public final class ConfigParser {
  private static final JsonMapper MAPPER = Json.mapper();

  private ConfigParser() {}

  /**
   * @param text the file's content
   * @param where how to name the file in messages
   */
  public static GatehouseConfig parse(String text, Optional<Path> source, String where) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String position =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(
          where + " is not valid JSON" + position + ": " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      root = MAPPER.createObjectNode();
    }
    if (!(root instanceof ObjectNode object)) {
      throw new ConfigException(where + ": the top level must be a JSON object");
    }
    String host = text(object, "host", where).orElse(GatehouseConfig.DEFAULT_HOST);
    int port = integer(object, "port", where).orElse(GatehouseConfig.DEFAULT_PORT);
    if (port < 0 || port > 65535) {
      throw new ConfigException(where + ": \"port\" must be between 0 and 65535");
    }
    List<ServerSpec> servers = new ArrayList<>();
    JsonNode block = object.get("mcpServers");
    if (block != null && !block.isNull()) {
      if (!block.isObject()) {
        throw new ConfigException(where + ": \"mcpServers\" must be an object of servers by name");
      }
      for (Map.Entry<String, JsonNode> entry : block.properties()) {
        servers.add(server(entry.getKey(), entry.getValue(), where));
      }
    }
    discovery(object, where);
    return new GatehouseConfig(
        source,
        host,
        port,
        servers,
        text(object, "instructions", where),
        strings(object, "allowed_origins", where),
        strings(object, "allowed_hosts", where),
        bool(object, "stream_responses", where),
        object);
  }

  /** The endpoint mode and domain descriptions; checked here so a bad mode fails at load. */
  public static DiscoverySettings discovery(ObjectNode root, String where) {
    try {
      return DiscoverySettings.fromConfig(root);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());
    }
  }

  private static ServerSpec server(String name, JsonNode node, String where) {
    String at = where + ": mcpServers.\"" + name + "\"";
    if (!(node instanceof ObjectNode entry)) {
      throw new ConfigException(at + " must be an object");
    }
    if (!UpstreamConfig.NAME.matcher(name).matches()) {
      throw new ConfigException(
          at + ": server names may hold only lowercase letters, digits and '-'");
    }
    Optional<String> command = text(entry, "command", at);
    Optional<String> url = text(entry, "url", at);
    Optional<String> kind = text(entry, "transport", at).or(() -> text(entry, "type", at));
    if (command.isPresent() && url.isPresent()) {
      throw new ConfigException(at + " has both \"command\" and \"url\"; give one");
    }
    if (command.isEmpty() && url.isEmpty()) {
      throw new ConfigException(at + " needs \"command\" (stdio) or \"url\" (HTTP)");
    }
    TransportKind transport;
    try {
      transport =
          command.isPresent()
              ? TransportKind.STDIO
              : kind.map(TransportKind::parse).orElse(TransportKind.AUTO);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(at + ": " + e.getMessage());
    }
    if (command.isPresent() && transport != TransportKind.STDIO) {
      throw new ConfigException(at + ": \"command\" servers use stdio, not " + kind.orElse(""));
    }
    Optional<URI> uri = url.map(u -> uri(u, at));
    try {
      return ServerSpec.builder(name)
          .transport(transport)
          .command(command)
          .args(strings(entry, "args", at))
          .env(stringMap(entry, "env", at))
          .cwd(text(entry, "cwd", at))
          .url(uri)
          .headers(stringMap(entry, "headers", at))
          .prefix(text(entry, "prefix", at))
          .timeout(integer(entry, "timeout_ms", at).map(ms -> Duration.ofMillis(ms)))
          .enabled(!entry.has("enabled") || bool(entry, "enabled", at))
          .allow(strings(entry, "allow", at))
          .deny(strings(entry, "deny", at))
          .description(text(entry, "description", at))
          .build();
    } catch (StoreException | IllegalArgumentException e) {
      throw new ConfigException(at + ": " + e.getMessage());
    }
  }

  private static URI uri(String text, String at) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new ConfigException(at + ": \"url\" must be an http or https URL, not " + text);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(at + ": \"url\" is not a valid URL: " + e.getMessage());
    }
  }

  private static Optional<String> text(ObjectNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString()) {
      throw new ConfigException(at + ": \"" + field + "\" must be a string");
    }
    return Optional.of(value.stringValue());
  }

  private static boolean bool(ObjectNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new ConfigException(at + ": \"" + field + "\" must be true or false");
    }
    return value.booleanValue();
  }

  private static Optional<Integer> integer(ObjectNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new ConfigException(at + ": \"" + field + "\" must be an integer");
    }
    return Optional.of(value.intValue());
  }

  private static List<String> strings(ObjectNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ConfigException(at + ": \"" + field + "\" must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString()) {
        throw new ConfigException(at + ": \"" + field + "\" must hold only strings");
      }
      out.add(item.stringValue());
    }
    return out;
  }

  private static Map<String, String> stringMap(ObjectNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new ConfigException(at + ": \"" + field + "\" must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      if (!e.getValue().isString()) {
        throw new ConfigException(at + ": \"" + field + "." + e.getKey() + "\" must be a string");
      }
      out.put(e.getKey(), e.getValue().stringValue());
    }
    return out;
  }
}
