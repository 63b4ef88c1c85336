package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.admin.AdminClient.Answer;
import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.upstream.TransportKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminServersApiTest {
  private TinyUpstream alpha;
  private AdminServer server;
  private AdminClient admin;

  @BeforeEach
  void start() {
    alpha = new TinyUpstream("alpha-server", List.of("echo", "add"));
    ServerSpec fromConfig =
        ServerSpec.http("filed", TransportKind.HTTP, URI.create("http://127.0.0.1:1/mcp"))
            .toBuilder()
            .enabled(false)
            .build();
    server = new AdminServer(InMemoryStore.create(), List.of(fromConfig), api -> {});
    admin = server.client();
  }

  @AfterEach
  void stop() {
    server.close();
    alpha.close();
  }

  private String alphaBody() {
    return """
    {"name": "alpha", "url": "%s", "transport": "http",
     "headers": {"Authorization": "Bearer ${env:ALPHA_TOKEN}"},
     "deny": ["*secret*"], "description": "the alpha server", "timeout_ms": 5000}
    """
        .formatted(alpha.url());
  }

  @Test
  void aCreatedServerReadsBackInSnakeCaseWithItsHeaderReferenceUnresolved() {
    Answer created = admin.post("/admin/servers", alphaBody());

    assertThat(created.status()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.path("name").asString()).isEqualTo("alpha");
    assertThat(json.path("source").asString()).isEqualTo("store");
    assertThat(json.path("transport").asString()).isEqualTo("http");
    assertThat(json.path("url").asString()).isEqualTo(alpha.url().toString());
    assertThat(json.path("headers").path("Authorization").asString())
        .isEqualTo("Bearer ${env:ALPHA_TOKEN}");
    assertThat(json.path("timeout_ms").asLong()).isEqualTo(5000);
    assertThat(json.path("enabled").asBoolean()).isTrue();
    assertThat(json.path("deny").get(0).asString()).isEqualTo("*secret*");
    assertThat(json.path("created_at").asString()).isNotEmpty();
    assertThat(json.path("id").asString()).isNotEmpty();

    String id = json.path("id").asString();
    assertThat(admin.get("/admin/servers/" + id).json().path("name").asString()).isEqualTo("alpha");
    assertThat(admin.get("/admin/servers/alpha").json().path("id").asString()).isEqualTo(id);
    List<String> names =
        admin
            .get("/admin/servers")
            .json()
            .valueStream()
            .map(s -> s.path("name").asString())
            .toList();
    assertThat(names).containsExactly("filed", "alpha");
  }

  private String plainAlpha() {
    return "{\"name\": \"alpha\", \"url\": \"" + alpha.url() + "\"}";
  }

  @Test
  void writesWaitForAReloadAndReloadConnects() {
    admin.post("/admin/servers", plainAlpha());

    JsonNode status = admin.get("/admin/servers/alpha").json().path("status");
    assertThat(status.path("state").asString()).isEqualTo("not_loaded");
    assertThat(status.path("reload_pending").asBoolean()).isTrue();
    assertThat(server.registry.connection("alpha")).isEmpty();

    Answer reload = admin.post("/admin/reload");
    assertThat(reload.status()).isEqualTo(200);
    assertThat(reload.json().path("reconnected").toString()).contains("alpha");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          JsonNode live = admin.get("/admin/servers/alpha").json().path("status");
          assertThat(live.path("state").asString()).isEqualTo("ready");
          assertThat(live.path("tools").asInt()).isEqualTo(2);
        });
    assertThat(
            admin
                .get("/admin/servers/alpha")
                .json()
                .path("status")
                .path("reload_pending")
                .asBoolean())
        .isFalse();
  }

  @Test
  void reloadTrueAppliesAWriteAtOnce() {
    admin.post("/admin/servers?reload=true", plainAlpha());
    assertThat(server.registry.connection("alpha")).isPresent();

    admin.patch("/admin/servers/alpha?reload=true", "{\"enabled\": false}");
    assertThat(server.registry.connection("alpha")).isEmpty();
    assertThat(admin.get("/admin/servers/alpha").json().path("status").path("state").asString())
        .isEqualTo("disabled");
  }

  @Test
  void aChangedDenyListIsPendingUntilReloadThenHidesTheTool() {
    admin.post("/admin/servers?reload=true", plainAlpha());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> admin.get("/admin/servers/alpha").json().path("status").path("tools").asInt(),
            tools -> tools == 2);

    admin.patch("/admin/servers/alpha", "{\"deny\": [\"*echo*\"]}");
    JsonNode pending = admin.get("/admin/servers/alpha").json().path("status");
    assertThat(pending.path("reload_pending").asBoolean()).isTrue();
    assertThat(pending.path("exposed_tools").asInt()).isEqualTo(2);

    admin.post("/admin/reload");
    JsonNode applied = admin.get("/admin/servers/alpha").json().path("status");
    assertThat(applied.path("reload_pending").asBoolean()).isFalse();
    assertThat(applied.path("exposed_tools").asInt()).isEqualTo(1);
    assertThat(applied.path("tools").asInt()).isEqualTo(2);
  }

  @Test
  void patchChangesOnlyTheGivenFieldsAndNullClears() {
    admin.post("/admin/servers", alphaBody());

    Answer patched =
        admin.patch("/admin/servers/alpha", "{\"deny\": [\"*echo*\"], \"description\": null}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("deny").toString()).isEqualTo("[\"*echo*\"]");
    assertThat(patched.json().path("description").isNull()).isTrue();
    assertThat(patched.json().path("timeout_ms").asLong()).isEqualTo(5000);
    assertThat(patched.json().path("headers").path("Authorization").asString())
        .isEqualTo("Bearer ${env:ALPHA_TOKEN}");
  }

  @Test
  void deleteRemovesAndThenTheIdIsUnknown() {
    admin.post("/admin/servers", alphaBody());

    assertThat(admin.delete("/admin/servers/alpha").status()).isEqualTo(204);
    Answer again = admin.get("/admin/servers/alpha");
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("not_found");
  }

  @Test
  void unknownIdsAre404OnEveryServerRoute() {
    assertThat(admin.get("/admin/servers/nope").status()).isEqualTo(404);
    assertThat(admin.patch("/admin/servers/nope", "{\"enabled\": false}").status()).isEqualTo(404);
    assertThat(admin.delete("/admin/servers/nope").status()).isEqualTo(404);
    assertThat(admin.get("/admin/servers/nope/tools").status()).isEqualTo(404);
    assertThat(admin.post("/admin/servers/nope/test").status()).isEqualTo(404);
    assertThat(admin.post("/admin/servers/nope/refresh").status()).isEqualTo(404);
  }

  @Test
  void malformedBodiesAre400() {
    Answer broken = admin.post("/admin/servers", "{\"name\": \"x\",,}");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.errorCode()).isEqualTo("malformed_json");
    assertThat(broken.json().path("error").path("message").asString()).doesNotContain("Exception");

    assertThat(admin.post("/admin/servers", "[1, 2]").status()).isEqualTo(400);
    assertThat(admin.post("/admin/servers", "").status()).isEqualTo(400);
  }

  @Test
  void aBodyNotDeclaredJsonIs415() {
    Answer answer =
        admin.send(
            admin
                .builder("/admin/servers")
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(alphaBody())));
    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.errorCode()).isEqualTo("unsupported_media_type");
  }

  @Test
  void invalidValuesAre422NamingTheField() {
    Answer badName =
        admin.post("/admin/servers", "{\"name\": \"Bad_Name\", \"url\": \"http://127.0.0.1/mcp\"}");
    assertThat(badName.status()).isEqualTo(422);
    assertThat(badName.errorField()).isEqualTo("name");

    Answer badUrl =
        admin.post("/admin/servers", "{\"name\": \"ok\", \"url\": \"ftp://example.com\"}");
    assertThat(badUrl.status()).isEqualTo(422);
    assertThat(badUrl.errorField()).isEqualTo("url");

    Answer noTarget = admin.post("/admin/servers", "{\"name\": \"ok\"}");
    assertThat(noTarget.status()).isEqualTo(422);
    assertThat(noTarget.errorField()).isEqualTo("url");

    Answer wrongType =
        admin.post(
            "/admin/servers",
            "{\"name\": \"ok\", \"url\": \"http://127.0.0.1/mcp\", \"deny\": \"x\"}");
    assertThat(wrongType.status()).isEqualTo(422);
    assertThat(wrongType.errorField()).isEqualTo("deny");

    Answer typo =
        admin.post(
            "/admin/servers",
            "{\"name\": \"ok\", \"url\": \"http://127.0.0.1/mcp\", \"denny\": []}");
    assertThat(typo.status()).isEqualTo(422);
    assertThat(typo.errorCode()).isEqualTo("unknown_field");
    assertThat(typo.errorField()).isEqualTo("denny");

    Answer transport =
        admin.post(
            "/admin/servers",
            "{\"name\": \"ok\", \"url\": \"http://127.0.0.1/mcp\", \"transport\": \"ws\"}");
    assertThat(transport.status()).isEqualTo(422);
    assertThat(transport.errorField()).isEqualTo("transport");

    assertThat(admin.get("/admin/servers").json().size()).isEqualTo(1);
  }

  @Test
  void duplicateNamesAre409EvenAgainstTheConfigFile() {
    admin.post("/admin/servers", alphaBody());

    Answer again = admin.post("/admin/servers", alphaBody());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("duplicate");

    Answer clash =
        admin.post("/admin/servers", "{\"name\": \"filed\", \"url\": \"http://127.0.0.1/mcp\"}");
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.errorCode()).isEqualTo("duplicate");
  }

  @Test
  void configServersAreListedButReadOnly() {
    JsonNode filed = admin.get("/admin/servers/filed").json();
    assertThat(filed.path("source").asString()).isEqualTo("config");
    assertThat(filed.path("created_at").isNull()).isTrue();

    Answer patch = admin.patch("/admin/servers/filed", "{\"enabled\": true}");
    assertThat(patch.status()).isEqualTo(409);
    assertThat(patch.errorCode()).isEqualTo("read_only");
    assertThat(admin.delete("/admin/servers/filed").errorCode()).isEqualTo("read_only");
  }

  @Test
  void testReportsTheHandshakeOfAWorkingServer() {
    admin.post("/admin/servers", plainAlpha());

    Answer test = admin.post("/admin/servers/alpha/test");

    assertThat(test.status()).isEqualTo(200);
    assertThat(test.json().path("ok").asBoolean()).isTrue();
    assertThat(test.json().path("protocol_version").asString()).isNotEmpty();
    assertThat(test.json().path("server_info").path("name").asString()).isEqualTo("alpha-server");
    assertThat(test.json().path("capabilities").has("tools")).isTrue();
    assertThat(test.json().path("tool_count").asInt()).isEqualTo(2);
    assertThat(test.json().path("error").isNull()).isTrue();
    assertThat(server.registry.connection("alpha"))
        .as("a probe leaves the gateway as it was")
        .isEmpty();
  }

  @Test
  void testReportsAnUnreachableServer() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    admin.post(
        "/admin/servers",
        "{\"name\": \"gone\", \"url\": \"http://127.0.0.1:"
            + closedPort
            + "/mcp\", \"transport\": \"http\"}");

    Answer test = admin.post("/admin/servers/gone/test");

    assertThat(test.status()).isEqualTo(200);
    assertThat(test.json().path("ok").asBoolean()).isFalse();
    assertThat(test.json().path("error").asString()).isNotEmpty();
    assertThat(test.json().has("protocol_version")).isFalse();
  }

  @Test
  void testShowsAnUnresolvableReferenceByName() {
    admin.post("/admin/servers", alphaBody());

    Answer test = admin.post("/admin/servers/alpha/test");

    assertThat(test.json().path("ok").asBoolean()).isFalse();
    assertThat(test.json().path("error").asString()).contains("ALPHA_TOKEN");
  }

  @Test
  void toolsListsLiveFromATemporaryConnectionThenFromTheRunningOne() {
    admin.post(
        "/admin/servers",
        "{\"name\": \"alpha\", \"url\": \"" + alpha.url() + "\", \"deny\": [\"*echo*\"]}");

    Answer before = admin.get("/admin/servers/alpha/tools");
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.json().path("connection").asString()).isEqualTo("temporary");
    JsonNode tools = before.json().path("tools");
    assertThat(tools.valueStream().map(t -> t.path("exposed_name").asString()))
        .containsExactly("alpha_echo", "alpha_add");
    assertThat(tools.get(0).path("allowed").asBoolean()).isFalse();
    assertThat(tools.get(1).path("allowed").asBoolean()).isTrue();
    assertThat(tools.get(1).path("definition").path("inputSchema").path("type").asString())
        .isEqualTo("object");

    admin.post("/admin/reload");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> admin.get("/admin/servers/alpha/tools").json().path("connection").asString(),
            "running"::equals);
  }

  @Test
  void toolsOfAnUnreachableServerIs502() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    admin.post(
        "/admin/servers",
        "{\"name\": \"gone\", \"url\": \"http://127.0.0.1:"
            + closedPort
            + "/mcp\", \"transport\": \"http\"}");

    Answer tools = admin.get("/admin/servers/gone/tools");
    assertThat(tools.status()).isEqualTo(502);
    assertThat(tools.errorCode()).isEqualTo("upstream_unavailable");
  }

  @Test
  void refreshListsOneRunningServerAgain() {
    admin.post("/admin/servers", plainAlpha());
    Answer notRunning = admin.post("/admin/servers/alpha/refresh");
    assertThat(notRunning.status()).isEqualTo(409);
    assertThat(notRunning.errorCode()).isEqualTo("not_running");

    admin.post("/admin/reload");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.post("/admin/servers/alpha/refresh").status() == 200);
    Answer refreshed = admin.post("/admin/servers/alpha/refresh");
    assertThat(refreshed.json().path("listed").path("tools").asInt()).isEqualTo(2);
    assertThat(refreshed.json().path("status").path("tools").asInt()).isEqualTo(2);
  }

  @Test
  void statusListsEveryServerWithItsState() {
    admin.post("/admin/servers?reload=true", plainAlpha());

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          JsonNode status = admin.get("/admin/status").json();
          assertThat(
                  status
                      .path("servers")
                      .valueStream()
                      .map(s -> s.path("name").asString() + ":" + s.path("state").asString()))
              .containsExactly("filed:disabled", "alpha:ready");
          assertThat(status.path("catalog").path("tools").asInt()).isEqualTo(2);
        });
    assertThat(admin.get("/admin/status").json().path("store").path("schema_version").asInt())
        .isPositive();
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405() {
    Answer unknown = admin.get("/admin/nothing-here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");

    Answer wrong =
        admin.send(
            admin
                .builder("/admin/servers")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.raw().headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(Json.text(wrong.json())).contains("method_not_allowed");
  }
}
