package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.cli.config.GatehouseConfig;
import dev.gatehouse.it.peers.NodePeers;
import dev.gatehouse.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Clients of both protocol eras through one gateway endpoint, in front of upstreams of both eras:
 * {@code mod}, a 2026-07-28-only server on the TypeScript SDK v2 ({@code createMcpHandler} with
 * {@code legacy: 'reject'}) over Streamable HTTP; {@code mods}, the same over stdio; and {@code
 * evs}, server-everything (2025-11-25) over stdio. The 2026-07-28 client is the TypeScript SDK v2
 * with its version pinned, the 2025-11-25 client the TypeScript SDK v1.
 */
class ProtocolRevisionsTest {
  private static final Duration RUN = Duration.ofSeconds(120);

  private static NodePeers.RunningProcess modernHttp;
  private static Daemon daemon;
  private static ObjectNode config;

  @BeforeAll
  static void start() throws Exception {
    modernHttp = NodePeers.startServerScript("modern-only.mjs");
    ObjectNode servers = Json.object();
    servers.putObject("mod").put("url", modernHttp.url("/mcp")).put("transport", "http");
    stdio(servers.putObject("mods"), NodePeers.serverScriptStdio("modern-stdio.mjs"));
    stdio(servers.putObject("evs"), NodePeers.everythingStdio());
    config = Json.object().put("host", "127.0.0.1").put("port", 0);
    config.set("mcpServers", servers);
    GatehouseConfig parsed = ConfigParser.parse(Json.text(config), Optional.empty(), "test config");
    daemon = Daemon.start(parsed);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() ->
            daemon.gateway().catalog().tools().stream()
                .map(ToolEntry::name)
                .toList()
                .containsAll(List.of("mod_echo", "mods_echo", "evs_echo")));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (modernHttp != null) {
      modernHttp.close();
    }
  }

  @Test
  void aModernClientListsAndCallsToolsOfModernAndSessionEraUpstreams() throws Exception {
    JsonNode summary =
        run(
            "ts-sdk-v2-calls.mjs",
            calls(echo("mod_echo"), echo("mods_echo"), echo("evs_echo"), sum()));

    assertThat(summary.path("protocolVersion").asString()).isEqualTo("2026-07-28");
    assertThat(names(summary.path("tools"))).contains("mod_echo", "mods_add", "evs_get-sum");
    assertThat(text(summary, "mod_echo")).isEqualTo("Echo: hello mod_echo");
    assertThat(text(summary, "mods_echo")).isEqualTo("Echo: hello mods_echo");
    assertThat(text(summary, "evs_echo")).isEqualTo("Echo: hello evs_echo");
    assertThat(text(summary, "evs_get-sum")).contains("5");
    assertThat(
            summary
                .path("calls")
                .path("mod_echo")
                .path("_meta")
                .path("io.modelcontextprotocol/serverInfo")
                .path("name")
                .asString())
        .isEqualTo("gatehouse");
  }

  @Test
  void aSessionEraClientListsAndCallsToolsOfModernAndSessionEraUpstreams() throws Exception {
    JsonNode summary =
        run(
            "ts-sdk-v1-answering.mjs",
            calls(echo("mod_echo"), echo("mods_echo"), echo("evs_echo"), sum()));

    assertThat(summary.path("protocolVersion").asString()).isEqualTo("2025-11-25");
    assertThat(names(summary.path("tools"))).contains("mod_echo", "mods_add", "evs_get-sum");
    assertThat(text(summary, "mod_echo")).isEqualTo("Echo: hello mod_echo");
    assertThat(text(summary, "mods_echo")).isEqualTo("Echo: hello mods_echo");
    assertThat(text(summary, "evs_echo")).isEqualTo("Echo: hello evs_echo");
    assertThat(summary.path("calls").path("mod_echo").has("resultType")).isFalse();
  }

  @Test
  void aModernClientAnswersTheElicitationAndSamplingRequestsOfASessionEraUpstream()
      throws Exception {
    JsonNode summary =
        run(
            "ts-sdk-v2-calls.mjs",
            calls(
                call("evs_trigger-elicitation-request", Json.object()),
                call(
                    "evs_trigger-sampling-request",
                    Json.object().put("prompt", "What is six times seven?").put("maxTokens", 10))));

    assertThat(text(summary, "evs_trigger-elicitation-request"))
        .contains("User provided the requested information");
    assertThat(allText(summary, "evs_trigger-elicitation-request")).contains("Name: Ada");
    assertThat(text(summary, "evs_trigger-sampling-request")).contains("forty-two");
    assertThat(summary.path("asked").valueStream().map(a -> a.path("method").asString()))
        .containsExactly("elicitation/create", "sampling/createMessage");
  }

  @Test
  void aSessionEraClientAnswersTheInputRequestsOfAModernUpstream() throws Exception {
    JsonNode summary =
        run(
            "ts-sdk-v1-answering.mjs",
            calls(
                call("mod_greet-me", Json.object()),
                call("mods_ask-model", Json.object().put("question", "Six times seven?"))));

    assertThat(text(summary, "mod_greet-me")).isEqualTo("Hello, Ada!");
    assertThat(text(summary, "mods_ask-model")).isEqualTo("Model says: forty-two");
    assertThat(summary.path("asked").valueStream().map(a -> a.path("method").asString()))
        .containsExactly("elicitation/create", "sampling/createMessage");
  }

  @Test
  void aModernClientPassesInputRequestsOfAModernUpstreamThrough() throws Exception {
    JsonNode summary = run("ts-sdk-v2-calls.mjs", calls(call("mod_greet-me", Json.object())));

    assertThat(text(summary, "mod_greet-me")).isEqualTo("Hello, Ada!");
    assertThat(summary.path("asked").get(0).path("params").path("message").asString())
        .isEqualTo("What is your name?");
  }

  @Test
  void gatehouseStdioServesAModernClient() throws Exception {
    Path file = Files.createTempFile("gatehouse-stdio", ".json");
    try {
      Files.writeString(file, Json.text(config));
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      command.addAll(List.of("dev.gatehouse.cli.Main", "stdio", "--config", file.toString()));
      ArrayNode commandJson = Json.array();
      command.forEach(commandJson::add);

      String out =
          NodePeers.runClient(
              "ts-sdk-v2-calls.mjs",
              RUN,
              "--stdio",
              Json.text(commandJson),
              calls(echo("mods_echo"), call("evs_trigger-elicitation-request", Json.object())));
      JsonNode summary = Json.parse(out.lines().reduce((a, b) -> b).orElseThrow());

      assertThat(summary.path("protocolVersion").asString()).isEqualTo("2026-07-28");
      assertThat(text(summary, "mods_echo")).isEqualTo("Echo: hello mods_echo");
      assertThat(text(summary, "evs_trigger-elicitation-request"))
          .contains("User provided the requested information");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static JsonNode run(String client, String calls) throws Exception {
    String out = NodePeers.runClient(client, RUN, daemon.mcpUri().toString(), calls);
    return Json.parse(out.lines().reduce((a, b) -> b).orElseThrow());
  }

  private static void stdio(ObjectNode server, List<String> command) {
    server.put("command", command.getFirst());
    ArrayNode args = server.putArray("args");
    command.subList(1, command.size()).forEach(args::add);
  }

  private static ObjectNode call(String name, ObjectNode arguments) {
    ObjectNode call = Json.object().put("name", name);
    call.set("arguments", arguments);
    return call;
  }

  private static ObjectNode echo(String name) {
    return call(name, Json.object().put("message", "hello " + name));
  }

  private static ObjectNode sum() {
    return call("evs_get-sum", Json.object().put("a", 2).put("b", 3));
  }

  private static String calls(ObjectNode... calls) {
    ArrayNode array = Json.array();
    for (ObjectNode call : calls) {
      array.add(call);
    }
    return Json.text(array);
  }

  private static List<String> names(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }

  private static String text(JsonNode summary, String tool) {
    JsonNode result = summary.path("calls").path(tool);
    assertThat(result.has("error")).as(tool + ": " + result).isFalse();
    return result.path("content").get(0).path("text").asString();
  }

  private static String allText(JsonNode summary, String tool) {
    StringBuilder all = new StringBuilder();
    summary
        .path("calls")
        .path(tool)
        .path("content")
        .forEach(c -> all.append(c.path("text").asString()));
    return all.toString();
  }
}
