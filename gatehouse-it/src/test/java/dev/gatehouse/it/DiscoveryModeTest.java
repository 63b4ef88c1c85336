package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.it.peers.NodePeers;
import dev.gatehouse.protocol.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A new user's first steps with {@code "mode": "discovery"} in front of server-everything ({@code
 * evh}, Streamable HTTP), through the TypeScript SDK's client: list, discover, look up a schema
 * with a typo, execute both ways, search, and miss.
 */
class DiscoveryModeTest {
  private static NodePeers.RunningProcess everythingHttp;
  private static Daemon daemon;
  private static JsonNode summary;

  @BeforeAll
  static void start() throws Exception {
    everythingHttp = NodePeers.startEverythingHttp();
    ObjectNode root = Json.object().put("port", 0).put("mode", "discovery");
    root.putObject("mcpServers").putObject("evh").put("url", everythingHttp.url("/mcp"));
    GatehouseConfig config = ConfigParser.parse(Json.text(root), Optional.empty(), "test config");
    daemon = Daemon.start(config);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> daemon.gateway().catalog().tool("evh_get-sum").isPresent());

    ArrayNode calls = Json.array();
    call(calls, "discover_tools", Json.object());
    call(calls, "discover_tools", Json.object().put("domain", "evh"));
    call(calls, "get_tool_schema", Json.object().put("name", "evh_ecoh"));
    ObjectNode byName = Json.object().put("name", "evh_echo");
    byName.putObject("arguments").put("message", "by name");
    call(calls, "execute_tool", byName);
    ObjectNode byServer = Json.object().put("server", "evh").put("tool", "get-sum");
    byServer.putObject("args").put("a", 2).put("b", 3);
    call(calls, "execute_tool", byServer);
    call(calls, "search_tools", Json.object().put("query", "add two numbers"));
    call(calls, "execute_tool", Json.object().put("name", "evh_no-such-tool"));
    call(calls, "describe_tool", Json.object().put("name", "zzz"));
    call(calls, "discover_tools", Json.object().put("domain", "evh").put("format", "signatures"));
    String out =
        NodePeers.runClient(
            "ts-sdk-v1-calls.mjs",
            Duration.ofSeconds(90),
            daemon.mcpUri().toString(),
            Json.text(calls));
    summary = Json.parse(out.lines().reduce((a, b) -> b).orElseThrow());
  }

  private static void call(ArrayNode calls, String name, ObjectNode arguments) {
    calls.addObject().put("name", name).set("arguments", arguments);
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

  private static JsonNode result(int index) {
    return summary.path("results").get(index);
  }

  private static JsonNode structured(int index) {
    assertThat(result(index).path("isError").asBoolean(false)).as("%s", result(index)).isFalse();
    return result(index).path("structuredContent");
  }

  private static List<String> names(JsonNode array) {
    return array.valueStream().map(n -> n.path("name").asString()).toList();
  }

  @Test
  void toolsListShowsOnlyTheMetaTools() {
    assertThat(summary.path("tools").valueStream().map(JsonNode::asString))
        .containsExactlyInAnyOrder(
            "discover_tools",
            "get_tool_schema",
            "execute_tool",
            "search_tools",
            "describe_tool",
            "list_servers",
            "get_server_tools",
            "refresh_registry");
  }

  @Test
  void theInstructionsNameTheDomain() {
    assertThat(summary.path("instructions").asString())
        .containsPattern("- evh \\(\\d+ tools\\)")
        .contains("discover_tools()");
  }

  @Test
  void discoverToolsNamesTheDomainAndListsItsTools() {
    assertThat(names(structured(0).path("domains"))).containsExactly("evh");
    assertThat(structured(0).path("domains").get(0).path("tools").asInt()).isGreaterThan(10);
    assertThat(names(structured(1).path("tools"))).contains("evh_echo", "evh_get-sum");
  }

  @Test
  void getToolSchemaFindsEchoDespiteTheTypo() {
    assertThat(structured(2).path("name").asString()).isEqualTo("evh_echo");
    assertThat(structured(2).path("inputSchema").path("properties").has("message")).isTrue();
  }

  @Test
  void executeToolWorksInBothShapes() {
    assertThat(result(3).path("content").get(0).path("text").asString()).isEqualTo("Echo: by name");
    assertThat(result(4).path("content").get(0).path("text").asString()).contains("5");
  }

  @Test
  void searchRanksTheSumToolFirst() {
    assertThat(names(structured(5).path("results"))).first().isEqualTo("evh_get-sum");
  }

  @Test
  void anUnknownNameAnswersToolNotFound() {
    for (int index : new int[] {6, 7}) {
      assertThat(result(index).path("isError").asBoolean()).isTrue();
      assertThat(result(index).path("structuredContent").path("code").asString())
          .isEqualTo("tool_not_found");
    }
  }

  @Test
  void signaturesAreOneLinePerTool() {
    assertThat(result(8).path("content").get(0).path("text").asString())
        .contains("evh_get-sum(a: number, b: number) -> any  # Returns the sum of two numbers");
  }
}
