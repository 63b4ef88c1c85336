package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.it.peers.NodePeers;
import dev.gatehouse.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance, tried as a new user would: server-everything behind the gateway with
 * {@code "policy": {"deny": ["*get-env*"], "confirm": ["*get-sum*"], "audit": ...}} and human
 * approval on, called by the TypeScript SDK's client, decided through the JSON API.
 */
class GovernanceAcceptanceTest {
  @TempDir static Path dir;
  private static Daemon daemon;
  private static AdminApi admin;

  private static Daemon start(int timeoutSeconds, Path audit) throws Exception {
    String config =
        """
        {"port": 0,
         "mcpServers": {"evs": {"command": "%s", "args": ["%s", "stdio"]}},
         "policy": {"deny": ["*get-env*"], "confirm": ["*get-sum*"], "audit": "%s"},
         "hil": {"enabled": true, "auto_open_browser": false, "timeout_seconds": %d},
         "plugins": ["call-counter"]}
        """
            .formatted(NodePeers.node(), NodePeers.everything(), audit, timeoutSeconds);
    Daemon started = Daemon.start(ConfigParser.parse(config, Optional.empty(), "test config"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            started.gateway().catalog().tools().stream()
                .map(ToolEntry::name)
                .toList()
                .containsAll(List.of("evs_get-sum", "evs_get-env")));
    return started;
  }

  @BeforeAll
  static void startGateway() throws Exception {
    daemon = start(120, dir.resolve("audit.jsonl"));
    admin = new AdminApi(daemon.mcpUri().resolve("/"));
  }

  @AfterAll
  static void stopGateway() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static CompletableFuture<JsonNode> call(Daemon gateway, String tool, String arguments) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        String out =
            NodePeers.runClient(
                "ts-sdk-v1-call.mjs",
                Duration.ofMinutes(4),
                gateway.mcpUri().toString(),
                tool,
                arguments);
        return Json.parse(out.lines().reduce((a, b) -> b).orElseThrow());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static JsonNode awaitPending(AdminApi api, String tool) {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() ->
            api.get("/admin/hil/pending")
                .path("pending")
                .valueStream()
                .anyMatch(p -> p.path("tool").asString().equals(tool)));
    return api.get("/admin/hil/pending").path("pending").get(0);
  }

  private static List<JsonNode> auditLines(Path file) throws Exception {
    return Files.readAllLines(file).stream().map(Json::parse).toList();
  }

  @Test
  void deniedConfirmedRejectedAndAudited() throws Exception {
    // The denied tool is blocked with a clear refusal.
    JsonNode denied = call(daemon, "evs_get-env", "{}").get(3, TimeUnit.MINUTES);
    assertThat(denied.path("error").path("data").path("code").asString())
        .isEqualTo("DENIED_BY_POLICY");
    assertThat(denied.path("error").path("message").asString())
        .contains("Call to evs_get-env is denied by policy (matches \"*get-env*\")");

    // A confirm-matched call waits until approved, then returns the real result.
    CompletableFuture<JsonNode> approved = call(daemon, "evs_get-sum", "{\"a\": 2, \"b\": 3}");
    JsonNode pending = awaitPending(admin, "evs_get-sum");
    assertThat(pending.path("arguments").toString()).isEqualTo("{\"a\":2,\"b\":3}");
    assertThat(pending.path("reason").asString()).contains("*get-sum*");
    assertThat(approved).isNotDone();
    JsonNode decision =
        admin.post("/admin/hil/pending/" + pending.path("id").asString() + "/approve", "");
    assertThat(decision.path("decision").asString()).isEqualTo("approved");
    JsonNode result = approved.get(3, TimeUnit.MINUTES);
    assertThat(result.path("result").path("content").get(0).path("text").asString()).contains("5");
    // The client heard that the call was waiting for approval.
    assertThat(result.path("progress").get(0).path("message").asString())
        .startsWith("Waiting for approval at http://127.0.0.1:" + daemon.port() + "/admin/hil");

    // A second one, denied through the API, returns a clear refusal.
    CompletableFuture<JsonNode> rejected = call(daemon, "evs_get-sum", "{\"a\": 4, \"b\": 5}");
    String id = awaitPending(admin, "evs_get-sum").path("id").asString();
    admin.post("/admin/hil/pending/" + id + "/deny", "{\"reason\": \"not now\"}");
    JsonNode refusal = rejected.get(3, TimeUnit.MINUTES);
    assertThat(refusal.path("error").path("data").path("code").asString())
        .isEqualTo("DENIED_BY_POLICY");
    assertThat(refusal.path("error").path("message").asString())
        .contains("Call to evs_get-sum was rejected: not now");

    // Nothing else was called upstream for them; the example plugin counted what went upstream.
    JsonNode counts = admin.get("/admin/plugins/call-counter").path("tools");
    assertThat(counts.path("evs_get-sum").path("calls").asInt()).isEqualTo(1);
    assertThat(counts.path("evs_get-sum").path("errors").asInt()).isEqualTo(1);
    assertThat(counts.path("evs_get-env").path("calls").asInt()).isZero();

    // The audit file has a line for each.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> auditLines(dir.resolve("audit.jsonl")).size() >= 3);
    List<JsonNode> lines = auditLines(dir.resolve("audit.jsonl"));
    assertThat(lines)
        .extracting(l -> l.path("tool").asString() + " " + l.path("decision").asString())
        .containsExactly("evs_get-env denied", "evs_get-sum confirmed", "evs_get-sum rejected");
    assertThat(lines)
        .allSatisfy(l -> {
          assertThat(l.path("server").asString()).isEqualTo("evs");
          assertThat(l.path("caller").asString()).isEqualTo("anonymous");
          assertThat(l.has("duration_ms")).isTrue();
          assertThat(l.has("arguments")).isFalse();
        });
    assertThat(lines.get(0).path("error_code").asString()).isEqualTo("DENIED_BY_POLICY");
  }

  @Test
  void aCallLeftAloneIsDeniedAtTheTimeout() throws Exception {
    Path audit = dir.resolve("timeout-audit.jsonl");
    try (Daemon quick = start(2, audit)) {
      JsonNode answer = call(quick, "evs_get-sum", "{\"a\": 1, \"b\": 1}").get(3, TimeUnit.MINUTES);
      assertThat(answer.path("error").path("data").path("code").asString())
          .isEqualTo("DENIED_BY_POLICY");
      assertThat(answer.path("error").path("message").asString())
          .contains("Call to evs_get-sum was denied: not approved within 2 s");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.exists(audit) && !auditLines(audit).isEmpty());
      assertThat(auditLines(audit))
          .singleElement()
          .satisfies(l -> {
            assertThat(l.path("decision").asString()).isEqualTo("timed_out");
            assertThat(l.path("tool").asString()).isEqualTo("evs_get-sum");
          });
      assertThat(
              new AdminApi(quick.mcpUri().resolve("/"))
                  .get("/admin/hil/pending")
                  .path("pending")
                  .size())
          .isZero();
    }
  }
}
