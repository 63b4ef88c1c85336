package dev.gatehouse.cli.identity;

import dev.gatehouse.agent.AgentSettings;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.credential.JwtSettings;
import dev.gatehouse.store.AgentRecord;
import dev.gatehouse.upstream.Placeholders;
import java.net.URI;
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
 * Reads the agents and identity keys of a config file: {@code rules_file} or inline {@code
 * agents}/{@code defaults}, {@code default_agent}, {@code trust_agent_id_argument}, {@code
 * require_auth}, {@code jwt}, {@code public_url}, {@code debug}. Mistakes are {@link
 * ConfigException}s that name the key.
 */
public final class IdentityConfigParser {
  /** Overrides {@code "default_agent"}, as agent-mcp-gateway's {@code GATEWAY_DEFAULT_AGENT}. */
  public static final String DEFAULT_AGENT_ENV = "GATEHOUSE_DEFAULT_AGENT";

  private static final Set<String> JWT_KEYS =
      Set.of(
          "jwks_url",
          "key",
          "issuer",
          "audience",
          "agent_claim",
          "clock_skew_seconds",
          "authorization_servers");

  private IdentityConfigParser() {}

  public static IdentityConfig parse(GatehouseConfig config, Map<String, String> env) {
    String where = config.source().map(p -> "config file " + p).orElse("config");
    ObjectNode raw = config.raw();
    Path base =
        config
            .source()
            .map(p -> p.toAbsolutePath().getParent())
            .orElse(Path.of("").toAbsolutePath());
    Optional<Path> rulesFile = text(raw, "rules_file", where).map(base::resolve);
    Optional<ObjectNode> inline = raw.has("agents") ? Optional.of(raw) : Optional.empty();
    if (rulesFile.isPresent() && inline.isPresent()) {
      throw new ConfigException(where + ": give \"rules_file\" or inline \"agents\", not both");
    }
    Optional<String> defaultAgent =
        Optional.ofNullable(env.get(DEFAULT_AGENT_ENV))
            .filter(v -> !v.isBlank())
            .map(String::strip)
            .or(() -> text(raw, "default_agent", where));
    defaultAgent.ifPresent(name -> {
      if (!AgentRecord.NAME.matcher(name).matches()) {
        throw new ConfigException(
            where + ": the default agent \"" + name + "\" is not a valid agent name");
      }
    });
    AgentSettings settings =
        new AgentSettings(
            defaultAgent,
            bool(raw, "trust_agent_id_argument", where),
            bool(raw, "require_auth", where));
    Optional<JwtSettings> jwt = jwt(raw.get("jwt"), where);
    List<String> authorizationServers = new ArrayList<>();
    if (raw.get("jwt") instanceof ObjectNode jwtNode && jwtNode.has("authorization_servers")) {
      authorizationServers.addAll(strings(jwtNode, "authorization_servers", where + ": jwt"));
    } else {
      jwt.ifPresent(j -> authorizationServers.add(j.issuer()));
    }
    Optional<URI> publicUrl = text(raw, "public_url", where).map(u -> url(u, where, "public_url"));
    return new IdentityConfig(
        rulesFile,
        inline,
        settings,
        jwt,
        publicUrl,
        authorizationServers,
        bool(raw, "debug", where));
  }

  private static Optional<JwtSettings> jwt(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String at = where + ": jwt";
    if (!(node instanceof ObjectNode jwt)) {
      throw new ConfigException(at + " must be an object");
    }
    for (String key : jwt.propertyNames()) {
      if (!JWT_KEYS.contains(key)) {
        throw new ConfigException(at + " has an unknown key \"" + key + "\"");
      }
    }
    Placeholders references = Placeholders.fromSystem();
    try {
      Optional<URI> jwks = text(jwt, "jwks_url", at).map(u -> url(u, at, "jwks_url"));
      Optional<String> key = text(jwt, "key", at).map(references::resolve);
      List<String> audiences =
          jwt.path("audience").isString()
              ? List.of(jwt.get("audience").stringValue())
              : strings(jwt, "audience", at);
      Duration skew =
          jwt.has("clock_skew_seconds")
              ? Duration.ofSeconds(jwt.get("clock_skew_seconds").asLong())
              : JwtSettings.DEFAULT_CLOCK_SKEW;
      return Optional.of(
          new JwtSettings(
              jwks,
              key,
              text(jwt, "issuer", at).orElse(""),
              audiences,
              text(jwt, "agent_claim", at).orElse(JwtSettings.DEFAULT_AGENT_CLAIM),
              skew));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(at + ": " + e.getMessage());
    }
  }

  private static URI url(String text, String at, String key) {
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new ConfigException(at + ": \"" + key + "\" must be an http or https URL");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(at + ": \"" + key + "\" is not a valid URL: " + e.getMessage());
    }
  }

  private static Optional<String> text(ObjectNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString() || value.stringValue().isBlank()) {
      throw new ConfigException(at + ": \"" + field + "\" must be a non-empty string");
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

  private static List<String> strings(ObjectNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ConfigException(at + ": \"" + field + "\" must be a string or array of strings");
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
}
