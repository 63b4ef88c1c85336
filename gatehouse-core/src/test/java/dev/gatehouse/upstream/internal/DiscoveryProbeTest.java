package dev.gatehouse.upstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.UpstreamOptions;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class DiscoveryProbeTest {

  @Test
  void theSpecificationsDiscoverResultMeansAStatelessServer() throws IOException {
    Response answer = example("DiscoverResultResponse/discover-result-response.json");

    DiscoveryProbe.Verdict verdict = DiscoveryProbe.judge(answer);

    assertThat(verdict).isInstanceOf(DiscoveryProbe.Stateless.class);
    DiscoveryProbe.Stateless stateless = (DiscoveryProbe.Stateless) verdict;
    assertThat(stateless.version()).isEqualTo("2026-07-28");
    assertThat(stateless.info().serverInfo().path("name").asString()).isEqualTo("ExampleServer");
    assertThat(stateless.info().has("tools")).isTrue();
  }

  @Test
  void anUnsupportedVersionErrorNamingSessionEraVersionsMeansInitialize() throws IOException {
    Response answer =
        (Response)
            Message.parse(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"no\","
                    + "\"data\":{\"supported\":[\"2025-11-25\"],\"requested\":\"2026-07-28\"}}}");

    assertThat(DiscoveryProbe.judge(answer)).isInstanceOf(DiscoveryProbe.SessionEra.class);
  }

  @Test
  void aRecognizedStatelessErrorIsNotMistakenForASessionEraServer() throws IOException {
    Response mismatch = example("HeaderMismatchError/header-mismatch.json");
    Response unsupported = example("UnsupportedProtocolVersionError/unsupported-version.json");

    assertThat(DiscoveryProbe.judge(mismatch)).isInstanceOf(DiscoveryProbe.Refused.class);
    // It names 2026-07-28 among its versions yet refused it: nothing to fall back to.
    assertThat(DiscoveryProbe.judge(unsupported)).isInstanceOf(DiscoveryProbe.Refused.class);
  }

  @Test
  void anyOtherErrorMeansASessionEraServer() {
    Response methodNotFound =
        Response.error(Json.parse("1"), -32601, "Method not found: server/discover");
    Response notInitialized = Response.error(Json.parse("1"), -32002, "Server not initialized");

    assertThat(DiscoveryProbe.judge(methodNotFound)).isInstanceOf(DiscoveryProbe.SessionEra.class);
    assertThat(DiscoveryProbe.judge(notInitialized)).isInstanceOf(DiscoveryProbe.SessionEra.class);
  }

  @Test
  void theProbeCarriesTheEnvelopeOfTheNewestStatelessRevision() {
    var params = DiscoveryProbe.params(UpstreamOptions.defaults());

    assertThat(params.path("_meta").path("io.modelcontextprotocol/protocolVersion").asString())
        .isEqualTo("2026-07-28");
    assertThat(
            params.path("_meta").path("io.modelcontextprotocol/clientInfo").path("name").asString())
        .isEqualTo("gatehouse");
    assertThat(params.path("_meta").has("io.modelcontextprotocol/clientCapabilities")).isTrue();
  }

  @Test
  void aSessionEraRefusalOfInitializeNamingStatelessVersionsAsksForANewProbe() {
    Response refusal =
        (Response)
            Message.parse(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"no\","
                    + "\"data\":{\"supported\":[\"2026-07-28\"],\"requested\":\"2025-11-25\"}}}");

    assertThat(DiscoveryProbe.namesStatelessVersions(refusal)).isTrue();
  }

  private static Response example(String path) throws IOException {
    try (InputStream in =
        DiscoveryProbeTest.class.getResourceAsStream("/mcp-2026-07-28/examples/" + path)) {
      return (Response) Message.parse(in.readAllBytes());
    }
  }
}
