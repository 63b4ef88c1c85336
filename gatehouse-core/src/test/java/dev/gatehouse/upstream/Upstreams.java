package dev.gatehouse.upstream;

import static org.awaitility.Awaitility.await;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Shorthands for the upstream tests: configs, quick options, tool calls. */
final class Upstreams {
  /** Generous: only there so that a broken test fails instead of hanging. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  private Upstreams() {}

  /** Default options with a quick backoff so reconnects happen within a test. */
  static UpstreamOptions quickOptions() {
    return UpstreamOptions.defaults()
        .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 0.1))
        .withHandshakeTimeout(Duration.ofSeconds(20));
  }

  static UpstreamConfig stdio(String name, Map<String, String> env, String... flags) {
    List<String> commandLine = StdioTestServer.commandLine(flags);
    return new UpstreamConfig(
        name,
        TransportKind.STDIO,
        Optional.of(commandLine.getFirst()),
        commandLine.subList(1, commandLine.size()),
        env,
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        name,
        UpstreamConfig.DEFAULT_TIMEOUT);
  }

  static UpstreamConfig url(String name, TransportKind kind, URI url, Map<String, String> headers) {
    return new UpstreamConfig(
        name,
        kind,
        Optional.empty(),
        List.of(),
        Map.of(),
        Optional.empty(),
        Optional.of(url),
        headers,
        name,
        UpstreamConfig.DEFAULT_TIMEOUT);
  }

  static UpstreamConnection started(UpstreamConfig config, UpstreamOptions options) {
    UpstreamConnection connection = UpstreamConnections.open(config, options);
    connection.start();
    return connection;
  }

  static void awaitState(UpstreamConnection connection, UpstreamState state) {
    await().atMost(PATIENCE).until(connection::state, state::equals);
  }

  static ObjectNode toolCall(String tool, Map<String, String> arguments) {
    ObjectNode params = Json.object();
    params.put("name", tool);
    ObjectNode args = params.putObject("arguments");
    arguments.forEach(args::put);
    return params;
  }

  static Response call(UpstreamConnection connection, String tool) {
    return connection.request("tools/call", toolCall(tool, Map.of()), CallOptions.of(CALL_TIMEOUT));
  }

  static JsonNode result(Response response) {
    return response.result().orElseThrow(() -> new AssertionError("not a result: " + response));
  }

  static String text(Response response) {
    return result(response).path("content").path(0).path("text").asString();
  }
}
