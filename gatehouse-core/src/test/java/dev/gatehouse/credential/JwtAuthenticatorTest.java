package dev.gatehouse.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.hook.Identity;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JWT access tokens against a key pair made here and a JWKS this test serves on loopback: a good
 * token names its agent; expired, wrong audience, wrong issuer, bad signature and a missing agent
 * claim are refused with the reason.
 */
class JwtAuthenticatorTest {
  private static final String ISSUER = "https://issuer.test";
  private static final String AUDIENCE = "http://127.0.0.1:8000/mcp";

  private static RSAKey signing;
  private static RSAKey impostor;
  private static HttpServer jwks;
  private static final AtomicInteger fetches = new AtomicInteger();
  private static JwtAuthenticator authenticator;

  @BeforeAll
  static void serveKeys() throws Exception {
    signing = new RSAKeyGenerator(2048).keyID("k1").generate();
    // Same key id, other key: what a forger would try.
    impostor = new RSAKeyGenerator(2048).keyID("k1").generate();
    byte[] body = new JWKSet(signing.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwks.start();
    URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
    authenticator =
        JwtAuthenticator.of(
            new JwtSettings(
                Optional.of(url),
                Optional.empty(),
                ISSUER,
                List.of(AUDIENCE),
                "agent",
                JwtSettings.DEFAULT_CLOCK_SKEW));
  }

  @AfterAll
  static void stopKeys() {
    jwks.stop(0);
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("user-1")
        .claim("agent", "alpha")
        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
  }

  private static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            change.apply(claims()).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static Optional<Identity> present(String token) {
    return present(authenticator, token);
  }

  private static Optional<Identity> present(JwtAuthenticator jwt, String token) {
    return jwt.authenticate(
        name -> name.equals("Authorization") ? Optional.of("Bearer " + token) : Optional.empty());
  }

  @Test
  void aValidTokenNamesItsAgentFromTheConfiguredClaim() throws Exception {
    Identity identity = present(token(signing, c -> c)).orElseThrow();

    assertThat(identity.name()).isEqualTo("alpha");
    assertThat(identity.attributes())
        .containsEntry("identified_by", "jwt")
        .containsEntry("subject", "user-1")
        .containsEntry("issuer", ISSUER);
    assertThat(fetches.get()).isPositive();
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String expired =
        token(signing, c -> c.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
    assertRefused(expired, "Expired JWT");
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() throws Exception {
    assertRefused(token(signing, c -> c.audience("https://elsewhere.test/mcp")), "aud");
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() throws Exception {
    assertRefused(token(signing, c -> c.issuer("https://evil.test")), "iss");
  }

  @Test
  void aTokenWithABadSignatureIsRefused() throws Exception {
    assertRefused(token(impostor, c -> c), "signature");
    String good = token(signing, c -> c);
    String[] parts = good.split("\\.");
    String otherClaims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims()
                    .claim("agent", "admin")
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8));
    assertRefused(parts[0] + "." + otherClaims + "." + parts[2], "signature");
  }

  @Test
  void aTokenWithoutTheAgentClaimIsRefused() throws Exception {
    assertRefused(token(signing, c -> c.claim("agent", null)), "agent");
    assertRefused(token(signing, c -> c.claim("agent", 42)), "\"agent\" claim must be");
  }

  @Test
  void anUnsignedTokenIsRefused() throws Exception {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String body =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims().build().toString().getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> present(header + "." + body + "."))
        .isInstanceOf(InvalidCredentialException.class);
  }

  @Test
  void tokensThatAreNoJwtAreLeftToOtherAuthenticators() {
    assertThat(present("gh_abcdef")).isEmpty();
    assertThat(authenticator.authenticate(name -> Optional.empty())).isEmpty();
  }

  @Test
  void aFixedPemKeyWorksWithoutJwks() throws Exception {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(signing.toPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    JwtAuthenticator fixed =
        JwtAuthenticator.of(
            new JwtSettings(
                Optional.empty(),
                Optional.of(pem),
                ISSUER,
                List.of(AUDIENCE),
                "sub",
                JwtSettings.DEFAULT_CLOCK_SKEW));

    assertThat(present(fixed, token(signing, c -> c)).orElseThrow().name()).isEqualTo("user-1");
    assertThatThrownBy(() -> present(fixed, token(impostor, c -> c)))
        .isInstanceOf(InvalidCredentialException.class);
  }

  @Test
  void settingsNeedExactlyOneKeySourceAnIssuerAndAnAudience() {
    Optional<URI> url = Optional.of(URI.create("http://127.0.0.1:1/jwks"));
    assertThatThrownBy(() ->
            new JwtSettings(url, Optional.of("k"), ISSUER, List.of(AUDIENCE), "sub", Duration.ZERO))
        .hasMessageContaining("one of \"jwks_url\" and \"key\"");
    assertThatThrownBy(() ->
            new JwtSettings(url, Optional.empty(), "", List.of(AUDIENCE), "sub", Duration.ZERO))
        .hasMessageContaining("\"issuer\" is required");
    assertThatThrownBy(
            () -> new JwtSettings(url, Optional.empty(), ISSUER, List.of(), "sub", Duration.ZERO))
        .hasMessageContaining("\"audience\" is required");
    assertThatThrownBy(() ->
            JwtAuthenticator.of(
                new JwtSettings(
                    Optional.empty(),
                    Optional.of("not a key"),
                    ISSUER,
                    List.of(AUDIENCE),
                    "sub",
                    Duration.ZERO)))
        .hasMessageContaining("\"key\" is not a JWK");
  }

  private static void assertRefused(String token, String reason) {
    assertThatThrownBy(() -> present(token))
        .isInstanceOf(InvalidCredentialException.class)
        .hasMessageContaining(reason);
  }
}
