package dev.gatehouse.server.http;

import static dev.gatehouse.server.http.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.modern.DualEraHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.ScriptedHandler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The 2026-07-28 side of the Streamable HTTP endpoint: the same URL as the session era. */
class StatelessHttpTest {
  private final ScriptedHandler core = new ScriptedHandler();
  private final ScriptedHandler sessionOnly = new ScriptedHandler();
  private GatehouseHttpServer server;
  private McpTestClient client;

  @BeforeEach
  void start() {
    McpHandler dualEra = DualEraHandler.of(core);
    server =
        GatehouseHttpServer.builder()
            .options(
                HttpTransportOptions.builder().keepAliveInterval(Duration.ofMillis(200)).build())
            .mcp("/mcp", dualEra)
            .mcpPrefix("/mcp/g", group -> Optional.of(group.equals("old") ? sessionOnly : dualEra))
            .build()
            .start();
    client = new McpTestClient(server.uri().resolve("/mcp"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void discoverAnswersOnTheSameUrlAsInitialize() {
    HttpResponse<String> discovered = post(request("server/discover", Json.object()));
    HttpResponse<String> initialized = client.initialize();

    assertThat(discovered.statusCode()).isEqualTo(200);
    assertThat(discovered.headers().firstValue("Mcp-Session-Id")).isEmpty();
    JsonNode result = json(discovered).path("result");
    assertThat(result.path("resultType").asString()).isEqualTo("complete");
    assertThat(result.path("supportedVersions").get(0).asString()).isEqualTo("2026-07-28");
    assertThat(
            result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asString())
        .isEqualTo("scripted");
    assertThat(result.path("ttlMs").isIntegralNumber()).isTrue();
    assertThat(initialized.statusCode()).isEqualTo(200);
    assertThat(client.sessionId).isNotBlank();
  }

  @Test
  void aStatelessRequestHasNoSessionAndItsOwnEnvelope() {
    ObjectNode body = request("whoami", Json.object());
    caps(body).putObject("sampling");

    JsonNode result = json(post(body, "X-Test", "yes")).path("result");

    assertThat(result.path("session").asString()).isEmpty();
    assertThat(result.path("protocolVersion").asString()).isEqualTo("2026-07-28");
    assertThat(result.path("capabilities").has("sampling")).isTrue();
    assertThat(result.path("header").asString()).isEqualTo("yes");
    assertThat(result.path("resultType").asString()).isEqualTo("complete");
  }

  @Test
  void headerAndEnvelopeProblemsAreRefusedWith400AndTheRevisionsCodes() {
    ObjectNode call = request("tools/call", Json.object().put("name", "echo"));
    ObjectNode missingCapabilities = request("tools/list", Json.object());
    meta(missingCapabilities).remove("io.modelcontextprotocol/clientCapabilities");
    ObjectNode oldVersion = request("tools/list", Json.object());
    meta(oldVersion).put("io.modelcontextprotocol/protocolVersion", "1900-01-01");

    assertRefused(post(call), -32020);
    assertRefused(post(call, "Mcp-Name", "other"), -32020);
    assertRefused(post(call, "Mcp-Name", "echo", "Mcp-Method", "tools/list"), -32020);
    assertRefused(post(missingCapabilities), -32602);
    assertRefused(post(oldVersion, "MCP-Protocol-Version", "1900-01-01"), -32022);
    assertThat(
            json(post(oldVersion, "MCP-Protocol-Version", "1900-01-01"))
                .path("error")
                .path("data")
                .path("supported")
                .get(0)
                .asString())
        .isEqualTo("2026-07-28");
    // A version header of the revision without the envelope in the body
    assertRefused(
        client.post(
            McpTestClient.request(5, "tools/list", Json.object()),
            "MCP-Protocol-Version",
            "2026-07-28",
            "Mcp-Method",
            "tools/list"),
        -32602);
  }

  @Test
  void anUnknownMethodIs404AndOneTheRevisionRemovedToo() {
    HttpResponse<String> unknown = post(request("nothing/here", Json.object()));
    HttpResponse<String> ping = post(request("ping", Json.object()));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(ping.statusCode()).isEqualTo(404);
  }

  @Test
  void aHandlerOfTheSessionEraOnlyRefusesTheRevision() {
    McpTestClient old = new McpTestClient(server.uri().resolve("/mcp/g/old"));
    try {
      HttpResponse<String> response =
          old.post(
              Json.text(request("tools/list", Json.object())),
              "MCP-Protocol-Version",
              "2026-07-28",
              "Mcp-Method",
              "tools/list");

      assertRefused(response, -32022);
      assertThat(json(response).path("error").path("data").path("supported").toString())
          .doesNotContain("2026-07-28");
    } finally {
      old.close();
    }
  }

  @Test
  void aListenStreamIsAcknowledgedCarriesChangesAndEndsWhenTheClientCloses() {
    ObjectNode listen = request("subscriptions/listen", Json.object());
    ((ObjectNode) listen.get("params")).putObject("notifications").put("toolsListChanged", true);
    SseReader stream =
        client.postStreaming(
            Json.text(listen),
            "MCP-Protocol-Version",
            "2026-07-28",
            "Mcp-Method",
            "subscriptions/listen");

    JsonNode ack = stream.next();
    assertThat(ack.path("method").asString()).isEqualTo("notifications/subscriptions/acknowledged");
    assertThat(ack.path("params").path("notifications").path("toolsListChanged").asBoolean())
        .isTrue();
    assertThat(core.sessions).hasSize(1);
    core.sessions
        .getFirst()
        .notify(dev.gatehouse.protocol.Notification.of("notifications/tools/list_changed", null));
    JsonNode changed = stream.next();
    assertThat(changed.path("method").asString()).isEqualTo("notifications/tools/list_changed");
    assertThat(changed.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId"))
        .isEqualTo(listen.get("id"));

    stream.close();

    await().atMost(Duration.ofSeconds(30)).until(() -> core.closed.size() == 1);
  }

  @Test
  void shuttingDownEndsOpenListenStreamsWithTheirFinalResponse() {
    ObjectNode listen = request("subscriptions/listen", Json.object());
    ((ObjectNode) listen.get("params")).putObject("notifications").put("promptsListChanged", true);
    SseReader stream =
        client.postStreaming(
            Json.text(listen),
            "MCP-Protocol-Version",
            "2026-07-28",
            "Mcp-Method",
            "subscriptions/listen");
    stream.next();

    server.close();

    JsonNode last = stream.next();
    assertThat(last.path("id")).isEqualTo(listen.get("id"));
    assertThat(last.path("result").path("resultType").asString()).isEqualTo("complete");
  }

  private static void assertRefused(HttpResponse<String> response, int code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).path("error").path("code").asInt())
        .as(response.body())
        .isEqualTo(code);
  }

  private HttpResponse<String> post(ObjectNode body, String... extra) {
    List<String> headers = new ArrayList<>();
    headers.addAll(List.of("MCP-Protocol-Version", "2026-07-28"));
    headers.addAll(List.of("Mcp-Method", body.path("method").asString()));
    Map<String, String> given = new java.util.LinkedHashMap<>();
    for (int i = 0; i < extra.length; i += 2) {
      given.put(extra[i], extra[i + 1]);
    }
    given.forEach((name, value) -> {
      headers.add(name);
      headers.add(value);
    });
    return client.post(Json.text(body), headers.toArray(String[]::new));
  }

  private int ids;

  private ObjectNode request(String method, ObjectNode params) {
    ObjectNode body = Json.object().put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
    meta.putObject("io.modelcontextprotocol/clientCapabilities");
    meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "t").put("version", "1");
    body.set("params", params);
    return body;
  }

  private static ObjectNode meta(ObjectNode body) {
    return (ObjectNode) body.get("params").get("_meta");
  }

  private static ObjectNode caps(ObjectNode body) {
    return (ObjectNode) meta(body).get("io.modelcontextprotocol/clientCapabilities");
  }
}
