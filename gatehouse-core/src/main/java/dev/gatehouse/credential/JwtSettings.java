package dev.gatehouse.credential;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How JWT access tokens are checked. Exactly one of {@code jwksUrl} and {@code key} gives the
 * verification keys.
 *
 * @param jwksUrl where the issuer publishes its keys (JWKS); fetched on first use, cached, and
 *     fetched again for a key id it does not have
 * @param key a fixed key instead: a PEM public key (RSA or EC), or a JWK or JWK set as JSON
 * @param issuer the {@code iss} every token must carry, exactly
 * @param audiences accepted {@code aud} values; a token must name at least one
 * @param agentClaim the claim whose string value is the agent's name ({@code sub} by default)
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 */
public record JwtSettings(
    Optional<URI> jwksUrl,
    Optional<String> key,
    String issuer,
    List<String> audiences,
    String agentClaim,
    Duration clockSkew) {

  public static final String DEFAULT_AGENT_CLAIM = "sub";
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  public JwtSettings {
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    Objects.requireNonNull(key, "key");
    if (jwksUrl.isPresent() == key.isPresent()) {
      throw new IllegalArgumentException("give one of \"jwks_url\" and \"key\"");
    }
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("\"issuer\" is required");
    }
    audiences = List.copyOf(audiences);
    if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("\"audience\" is required: this gateway's resource URL");
    }
    if (agentClaim == null || agentClaim.isBlank()) {
      throw new IllegalArgumentException("\"agent_claim\" must name a claim");
    }
    Objects.requireNonNull(clockSkew, "clockSkew");
  }
}
