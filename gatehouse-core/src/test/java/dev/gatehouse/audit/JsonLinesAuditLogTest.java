package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class JsonLinesAuditLogTest {
  @TempDir Path dir;

  private static AuditRecord record(AuditDecision decision, ObjectNode arguments) {
    return new AuditRecord(
        Instant.parse("2026-01-02T10:00:00.123456Z"),
        "agent-7",
        "api_key",
        Optional.empty(),
        "evs",
        "evs_get-sum",
        "get-sum",
        decision,
        Duration.ofMillis(1234),
        decision == AuditDecision.DENIED ? Optional.of("DENIED_BY_POLICY") : Optional.empty(),
        decision == AuditDecision.DENIED ? Optional.of("matches *get-sum*") : Optional.empty(),
        false,
        arguments);
  }

  private List<JsonNode> lines(Path file) throws Exception {
    return Files.readAllLines(file).stream().map(Json::parse).toList();
  }

  @Test
  void eachRecordIsOneJsonLineAndDirectoriesAreCreated() throws Exception {
    Path file = dir.resolve("nested/audit.jsonl");
    JsonLinesAuditLog log = JsonLinesAuditLog.open(file, false);

    log.record(record(AuditDecision.CONFIRMED, Json.object().put("a", 2)));
    log.record(record(AuditDecision.DENIED, Json.object()));

    List<JsonNode> lines = lines(file);
    assertThat(lines).hasSize(2);
    assertThat(Json.text(lines.getFirst()))
        .isEqualTo(
            "{\"time\":\"2026-01-02T10:00:00.123Z\",\"caller\":\"agent-7\","
                + "\"identified_by\":\"api_key\",\"group\":null,"
                + "\"server\":\"evs\",\"tool\":\"evs_get-sum\",\"original_tool\":\"get-sum\","
                + "\"decision\":\"confirmed\",\"duration_ms\":1234,\"error_code\":null,"
                + "\"reason\":null,\"tool_error\":false}");
    assertThat(lines.get(1).path("decision").asString()).isEqualTo("denied");
    assertThat(lines.get(1).path("error_code").asString()).isEqualTo("DENIED_BY_POLICY");
  }

  @Test
  void argumentsAreRecordedOnlyWhenAskedAndNeverTheirSecrets() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    ObjectNode arguments = Json.object().put("query", "x").put("api_key", "sk-123");
    arguments.putObject("auth").put("password", "hunter2");
    arguments.putArray("headers").addObject().put("Authorization", "Bearer t").put("name", "ok");

    JsonLinesAuditLog.open(file, true).record(record(AuditDecision.ALLOWED, arguments));
    JsonLinesAuditLog.open(dir.resolve("plain.jsonl"), false)
        .record(record(AuditDecision.ALLOWED, arguments));

    JsonNode line = lines(file).getFirst();
    assertThat(Json.text(line.path("arguments")))
        .isEqualTo(
            "{\"query\":\"x\",\"api_key\":\"[redacted]\",\"auth\":\"[redacted]\","
                + "\"headers\":[{\"Authorization\":\"[redacted]\",\"name\":\"ok\"}]}");
    assertThat(Files.readString(file)).doesNotContain("sk-123", "hunter2", "Bearer t");
    assertThat(lines(dir.resolve("plain.jsonl")).getFirst().has("arguments")).isFalse();
  }

  @Test
  void concurrentCallsNeverInterleaveWithinALine() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    JsonLinesAuditLog log = JsonLinesAuditLog.open(file, true);
    ObjectNode big = Json.object().put("text", "x".repeat(2000));
    IntStream.range(0, 200).parallel().forEach(i -> log.record(record(AuditDecision.ALLOWED, big)));
    assertThat(lines(file))
        .hasSize(200)
        .allMatch(l -> l.path("arguments").path("text").asString().length() == 2000);
  }
}
