package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.it.peers.NodePeers;
import dev.gatehouse.protocol.Json;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TypeScript SDK's client, through the gateway, in front of server-everything twice: {@code
 * evs} over stdio and {@code evh} over Streamable HTTP.
 */
class TypeScriptClientTest {
  private static NodePeers.RunningProcess everythingHttp;
  private static Daemon daemon;

  @BeforeAll
  static void start() throws Exception {
    everythingHttp = NodePeers.startEverythingHttp();
    ObjectNode servers = Json.object();
    ObjectNode evs = servers.putObject("evs").put("command", NodePeers.node());
    evs.putArray("args").add(NodePeers.everything().toString()).add("stdio");
    servers.putObject("evh").put("url", everythingHttp.url("/mcp"));
    ObjectNode root = Json.object().put("port", 0);
    root.set("mcpServers", servers);
    GatehouseConfig config = ConfigParser.parse(Json.text(root), Optional.empty(), "test config");
    daemon = Daemon.start(config);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            daemon.gateway().catalog().tools().stream()
                .map(ToolEntry::name)
                .toList()
                .containsAll(java.util.List.of("evs_echo", "evh_echo")));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (everythingHttp != null) {
      everythingHttp.close();
    }
  }

  @Test
  void listsCallsPromptsAndReadsResourcesOfBothUpstreams() throws Exception {
    String out =
        NodePeers.runClient(
            "ts-sdk-v1-tour.mjs",
            Duration.ofSeconds(90),
            daemon.mcpUri().toString(),
            "evs_echo,evs_get-sum,evh_echo");
    JsonNode summary = Json.parse(out.lines().reduce((a, b) -> b).orElseThrow());

    assertThat(summary.path("server").path("name").asString()).isEqualTo("gatehouse");
    assertThat(summary.path("tools").valueStream().map(JsonNode::asString))
        .contains("evs_echo", "evs_get-sum", "evh_echo", "evh_get-sum");
    assertThat(text(summary.path("calls").path("evs_echo"))).isEqualTo("Echo: hello evs_echo");
    assertThat(text(summary.path("calls").path("evh_echo"))).isEqualTo("Echo: hello evh_echo");
    assertThat(text(summary.path("calls").path("evs_get-sum"))).contains("5");

    assertThat(summary.path("promptNames").valueStream().map(JsonNode::asString))
        .contains("evs_simple-prompt", "evh_simple-prompt");
    assertThat(summary.path("prompts").path("evh_simple-prompt").path("messages").size())
        .isPositive();

    // Both copies list the same resources: the second one's are qualified, and all are readable.
    java.util.List<String> uris =
        summary.path("resourceUris").valueStream().map(JsonNode::asString).toList();
    String first = uris.getFirst();
    assertThat(uris).contains("evh+" + first);
    assertThat(summary.path("reads").path(first).get(0).asString()).isEqualTo(first);
    assertThat(summary.path("reads").path("evh+" + first).get(0).asString())
        .isEqualTo("evh+" + first);
  }

  private static String text(JsonNode result) {
    return result.path("content").get(0).path("text").asString();
  }
}
