package dev.gatehouse.it.sdk;

import static dev.gatehouse.it.sdk.SdkResults.errorCode;
import static dev.gatehouse.it.sdk.SdkResults.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.Daemon;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamState;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstreams that fail, behind the gateway, seen by an MCP Java SDK client: one that dies in the
 * middle of a call, one that never answers, one whose program does not exist. Each failure stays
 * with its own upstream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class SdkUpstreamFailureTest {
  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

  private HttpFixtureUpstream http;
  private Daemon gateway;
  private SdkClient client;

  @BeforeAll
  void start() throws Exception {
    http = HttpFixtureUpstream.start();
    // The short-timeout upstream lists with its 2 s limit too: warm the server up first.
    try (SdkClient direct = SdkClient.connect(http.uri())) {
      direct.sdk().listTools();
    }
    ObjectNode hang = FixtureGateway.http(http.uri());
    hang.put("timeout_ms", 2000);
    Map<String, ObjectNode> servers = new LinkedHashMap<>();
    servers.put("good", FixtureGateway.http(http.uri()));
    servers.put("hang", hang);
    servers.put("crashy", FixtureGateway.stdioFixture());
    servers.put("missing", FixtureGateway.missingCommand());
    gateway = FixtureGateway.start(servers);
    FixtureGateway.awaitTools(gateway, "good_echo", "hang_slow", "crashy_crash");
    client = SdkClient.connect(gateway.mcpUri());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      try {
        if (gateway != null) {
          gateway.close();
        }
      } finally {
        if (http != null) {
          http.close();
        }
      }
    }
  }

  @Test
  void anUpstreamThatDiesMidCallFailsThatCallOnlyAndIsRestarted() {
    assertThatThrownBy(() -> call("crashy_crash", Map.of()))
        .isInstanceOfSatisfying(
            McpError.class,
            e -> {
              assertThat(errorCode(e)).contains("SERVER_UNAVAILABLE");
              assertThat(e.getJsonRpcError().message()).contains("crashy");
            });

    assertStillServing();
    await()
        .atMost(RECOVERY_LIMIT)
        .until(() -> gateway.gateway().catalog().tool("crashy_echo").isPresent());
    assertThat(text(call("crashy_echo", Map.of("text", "back again")))).isEqualTo("back again");
  }

  @Test
  void anUpstreamThatNeverAnswersTimesOutAndHearsTheCancellation() {
    int cancelledBefore = http.inbound().count(FixtureTools.CANCELLED);

    assertThatThrownBy(() -> call("hang_slow", Map.of()))
        .isInstanceOfSatisfying(
            McpError.class,
            e -> {
              assertThat(errorCode(e)).contains("TIMEOUT");
              assertThat(e.getJsonRpcError().code()).isEqualTo(-32001);
              assertThat(e.getJsonRpcError().message()).contains("hang");
            });

    await()
        .atMost(RECOVERY_LIMIT)
        .until(() -> http.inbound().count(FixtureTools.CANCELLED) > cancelledBefore);
    List<InboundNotifications.Seen> cancellations =
        http.inbound().all().stream()
            .filter(s -> s.method().equals(FixtureTools.CANCELLED))
            .toList();
    assertThat(cancellations.getLast().params().get("reason").toString()).startsWith("timed out");
    assertStillServing();
  }

  @Test
  void aStdioUpstreamWithoutItsProgramIsLeftOutAndReportedUnavailable() {
    UpstreamConnection missing = gateway.gateway().registry().connection("missing").orElseThrow();
    await().atMost(RECOVERY_LIMIT).until(() -> missing.state() == UpstreamState.UNAVAILABLE);

    assertThat(client.sdk().listTools().tools())
        .extracting(Tool::name)
        .contains("good_echo")
        .noneMatch(name -> name.startsWith("missing_"));
    assertThatThrownBy(() -> call("missing_echo", Map.of("text", "anyone?")))
        .isInstanceOfSatisfying(
            McpError.class,
            e -> {
              assertThat(errorCode(e)).contains("SERVER_UNAVAILABLE");
              assertThat(e.getJsonRpcError().message())
                  .contains("missing")
                  .contains("command not found");
            });
    assertStillServing();
  }

  private void assertStillServing() {
    assertThat(text(call("good_echo", Map.of("text", "still here")))).isEqualTo("still here");
  }

  private CallToolResult call(String name, Map<String, Object> arguments) {
    return client.sdk().callTool(CallToolRequest.builder(name).arguments(arguments).build());
  }
}
