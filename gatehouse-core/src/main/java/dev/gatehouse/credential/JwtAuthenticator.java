package dev.gatehouse.credential;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.agent.IdentifiedBy;
import dev.gatehouse.hook.Authenticator;
import dev.gatehouse.hook.Identity;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Recognises {@code Authorization: Bearer <JWT>}: verifies the signature against the configured
 * keys, the issuer exactly, that one audience is this gateway's, and expiry; the agent is the
 * configured claim. A token that looks like a JWT and fails any check is refused with the reason;
 * other tokens are left to other authenticators.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.EdDSA);
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int JWKS_SIZE_LIMIT = 512 * 1024;

  private final JwtSettings settings;
  private final DefaultJWTProcessor<SecurityContext> processor;

  private JwtAuthenticator(JwtSettings settings, JWSKeySelector<SecurityContext> keys) {
    this.settings = settings;
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(keys);
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            new HashSet<>(settings.audiences()),
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("exp", settings.agentClaim()),
            null);
    claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * @throws IllegalArgumentException when the key cannot be read or the JWKS URL is malformed
   */
  public static JwtAuthenticator of(JwtSettings settings) {
    return new JwtAuthenticator(settings, keys(settings));
  }

  public JwtSettings settings() {
    return settings;
  }

  private static JWSKeySelector<SecurityContext> keys(JwtSettings settings) {
    if (settings.key().isPresent()) {
      return new FixedKeySelector(PublicKeys.parse(settings.key().get()), ALGORITHMS);
    }
    try {
      JWKSource<SecurityContext> source =
          JWKSourceBuilder.create(
                  settings.jwksUrl().orElseThrow().toURL(),
                  new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
              .build();
      return new JWSVerificationKeySelector<>(ALGORITHMS, source);
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("\"jwks_url\" is not a valid URL: " + e.getMessage());
    }
  }

  @Override
  public Optional<Identity> authenticate(Function<String, Optional<String>> header) {
    Optional<String> token = BearerToken.of(header).filter(JwtAuthenticator::looksLikeJwt);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token.get(), null);
    } catch (ParseException e) {
      throw new InvalidCredentialException("the token is not a valid JWT", e);
    } catch (BadJOSEException e) {
      throw new InvalidCredentialException("the token was rejected: " + e.getMessage(), e);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new InvalidCredentialException("the token could not be verified: " + e.getMessage(), e);
    }
    Object agent = claims.getClaim(settings.agentClaim());
    if (!(agent instanceof String name) || name.isBlank()) {
      throw new InvalidCredentialException(
          "the token's \"" + settings.agentClaim() + "\" claim must be a non-empty string");
    }
    Map<String, String> attributes = new HashMap<>();
    attributes.put(IdentifiedBy.ATTRIBUTE, IdentifiedBy.JWT.id());
    attributes.put("issuer", settings.issuer());
    Optional.ofNullable(claims.getSubject()).ifPresent(sub -> attributes.put("subject", sub));
    return Optional.of(new Identity(name, attributes));
  }

  /** Three base64url parts separated by dots: a JWS in compact form. */
  static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    return first > 0 && second > first && token.indexOf('.', second + 1) < 0;
  }
}
