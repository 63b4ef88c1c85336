package dev.gatehouse.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.protocol.Json;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A daemon that requires credentials and accepts JWTs from a JWKS this test serves: tokens are
 * checked at the HTTP edge, the 401 names the metadata, which names the issuer.
 */
class JwtDaemonTest {
  private static final String ISSUER = "https://issuer.test";

  @TempDir static Path dir;
  private static RSAKey key;
  private static HttpServer jwks;
  private static Daemon daemon;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/jwks",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwks.start();
    String config =
        """
        {"port": 0, "store": "memory", "require_auth": true,
         "jwt": {"jwks_url": "http://127.0.0.1:%d/jwks", "issuer": "%s",
                 "audience": "gatehouse-test", "agent_claim": "agent"},
         "agents": {"alpha": {"allow": {"servers": ["*"]}}},
         "mcpServers": {}}
        """
            .formatted(jwks.getAddress().getPort(), ISSUER);
    daemon = Daemon.start(ConfigParser.parse(config, Optional.empty(), "test"), Optional.of(dir));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    jwks.stop(0);
  }

  private static String token(String audience, Instant expires) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .claim("agent", "alpha")
                .expirationTime(Date.from(expires))
                .build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static HttpResponse<String> post(Optional<String> token) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(daemon.mcpUri())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aValidTokenIsAdmittedAndEveryOtherRequestGets401() throws Exception {
    Instant later = Instant.now().plus(Duration.ofMinutes(5));
    assertThat(post(Optional.of(token("gatehouse-test", later))).statusCode()).isEqualTo(200);

    HttpResponse<String> none = post(Optional.empty());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer resource_metadata=")
        .doesNotContain("error=");

    HttpResponse<String> expired =
        post(Optional.of(token("gatehouse-test", Instant.now().minus(Duration.ofHours(1)))));
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"invalid_token\"", "Expired JWT");

    assertThat(post(Optional.of(token("someone-else", later))).statusCode()).isEqualTo(401);
  }

  @Test
  void aRefusalQuotingTheTokenCannotSplitTheResponseHead() throws Exception {
    java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String header =
        base64.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"x\\r\\nSet-Cookie: a=b\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String forged = header + ".e30.c2ln";

    HttpResponse<String> refused = post(Optional.of(forged));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().map()).doesNotContainKey("set-cookie");
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
        .doesNotContain("\r", "\n");
  }

  @Test
  void theMetadataNamesTheIssuerAsAuthorizationServer() throws Exception {
    JsonNode document =
        Json.parse(
            http.send(
                    HttpRequest.newBuilder(
                            daemon.baseUri().resolve("/.well-known/oauth-protected-resource/mcp"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(document.path("authorization_servers").get(0).asString()).isEqualTo(ISSUER);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            daemon.baseUri().resolve("/.well-known/oauth-protected-resource/x"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void jwtSettingsMistakesNameTheKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            IdentityConfigParser.parse(
                ConfigParser.parse(
                    "{\"jwt\": {\"issuer\": \"x\", \"audience\": \"y\"}}",
                    Optional.empty(),
                    "test"),
                Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("jwt: give one of \"jwks_url\" and \"key\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            IdentityConfigParser.parse(
                ConfigParser.parse(
                    "{\"rules_file\": \"r.json\", \"agents\": {}}", Optional.empty(), "test"),
                Map.of()))
        .hasMessageContaining("give \"rules_file\" or inline \"agents\", not both");
    assertThat(
            IdentityConfigParser.parse(
                    ConfigParser.parse("{\"default_agent\": \"a\"}", Optional.empty(), "test"),
                    Map.of(IdentityConfigParser.DEFAULT_AGENT_ENV, "from-env"))
                .settings()
                .defaultAgent())
        .contains("from-env");
  }
}
