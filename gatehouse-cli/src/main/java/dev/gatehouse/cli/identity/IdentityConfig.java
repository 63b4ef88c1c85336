package dev.gatehouse.cli.identity;

import dev.gatehouse.agent.AgentSettings;
import dev.gatehouse.credential.JwtSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The config's agents and identity settings, typed.
 *
 * @param rulesFile {@code "rules_file"}, resolved against the config file's directory
 * @param inlineRules the config itself when it holds {@code "agents"} inline
 * @param settings {@code "default_agent"} (or {@code GATEHOUSE_DEFAULT_AGENT}), {@code
 *     "trust_agent_id_argument"}, {@code "require_auth"}
 * @param jwt {@code "jwt"}, when JWT access tokens are accepted
 * @param publicUrl {@code "public_url"}: the base URL clients reach the gateway at
 * @param authorizationServers {@code "jwt.authorization_servers"}, or the JWT issuer
 * @param debug {@code "debug"}: offer the {@code get_gateway_status} tool
 */
public record IdentityConfig(
    Optional<Path> rulesFile,
    Optional<ObjectNode> inlineRules,
    AgentSettings settings,
    Optional<JwtSettings> jwt,
    Optional<URI> publicUrl,
    List<String> authorizationServers,
    boolean debug) {

  public IdentityConfig {
    Objects.requireNonNull(rulesFile, "rulesFile");
    Objects.requireNonNull(inlineRules, "inlineRules");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(publicUrl, "publicUrl");
    authorizationServers = List.copyOf(authorizationServers);
    if (rulesFile.isPresent() && inlineRules.isPresent()) {
      throw new IllegalArgumentException("give \"rules_file\" or inline \"agents\", not both");
    }
  }
}
