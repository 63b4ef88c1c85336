package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A large result behind a gateway (ADR 13): it reaches the client while the upstream is still
 * sending it, arrives whole, and a governed call, an upstream that breaks off, or a client after
 * either still get what they should.
 */
class LargeResultTest {
  private static final int HALF = 512 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static HttpServer upstream;
  private static volatile CountDownLatch secondHalf = new CountDownLatch(0);
  private static Daemon plain;
  private static Daemon streaming;
  private static Daemon audited;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/mcp", LargeResultTest::serve);
    upstream.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    upstream.start();
    plain = daemon("");
    streaming = daemon(", \"stream_responses\": true");
    audited = daemon(", \"policy\": {\"audit\": \"" + dir.resolve("audit.jsonl") + "\"}");
  }

  @AfterAll
  static void stop() {
    secondHalf.countDown();
    for (Daemon daemon : new Daemon[] {plain, streaming, audited}) {
      if (daemon != null) {
        daemon.close();
      }
    }
    upstream.stop(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"blob", "sse"})
  void theClientReadsTheResultWhileTheUpstreamIsStillSendingIt(String tool) throws Exception {
    secondHalf = new CountDownLatch(1);
    String session = initialize(plain);

    try (InputStream body = callStream(plain, session, tool)) {
      // The upstream holds back its second half until the first has come through the gateway.
      byte[] first = body.readNBytes(HALF / 2);
      assertThat(new String(first, StandardCharsets.UTF_8)).contains("\"result\"", "xxxxxxxx");
      secondHalf.countDown();
      JsonNode answer = message(first, body.readAllBytes());

      assertThat(answer.path("id").asInt()).isEqualTo(7);
      assertThat(answer.path("result").path("content").get(0).path("text").asString())
          .hasSize(2 * HALF)
          .matches("x+");
    }
  }

  @Test
  void aLargeResourceStreamsAndOneReadUnderTheServersNameIsRenamedWhole() throws Exception {
    secondHalf = new CountDownLatch(1);
    String session = initialize(plain);
    await().atMost(WAIT).until(() -> plain.gateway().catalog().resources().size() == 1);

    try (InputStream body = send(plain, session, read("big://blob"))) {
      byte[] first = body.readNBytes(HALF / 2);
      secondHalf.countDown();
      JsonNode contents = message(first, body.readAllBytes()).path("result").path("contents");

      assertThat(contents.get(0).path("text").asString()).hasSize(2 * HALF);
      assertThat(contents.get(0).path("uri").asString()).isEqualTo("big://blob");
    }
    // Asked for as big+big://blob, the contents must name that URI: read, renamed, written.
    try (InputStream body = send(plain, session, read("big+big://blob"))) {
      JsonNode contents = message(new byte[0], body.readAllBytes()).path("result").path("contents");

      assertThat(contents.get(0).path("uri").asString()).isEqualTo("big+big://blob");
      assertThat(contents.get(0).path("text").asString()).hasSize(2 * HALF);
    }
  }

  private static String read(String uri) {
    return "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"resources/read\",\"params\":{\"uri\":\""
        + uri
        + "\"}}";
  }

  @Test
  void aGovernedCallGetsTheWholeResultAndAuditsIt() throws Exception {
    String session = initialize(audited);

    try (InputStream body = callStream(audited, session, "blob")) {
      JsonNode answer = message(new byte[0], body.readAllBytes());

      assertThat(answer.path("result").path("content").get(0).path("text").asString())
          .hasSize(2 * HALF);
    }
    await()
        .atMost(WAIT)
        .until(() ->
            Files.exists(dir.resolve("audit.jsonl"))
                && Files.readString(dir.resolve("audit.jsonl")).contains("big_blob"));
  }

  @Test
  void anUpstreamThatBreaksOffLeavesTheClientWithAnErrorAndTheGatewayWell() throws Exception {
    // Streamed, the client's body breaks off as the upstream's did: no message comes of it.
    String session = initialize(plain);
    try (InputStream body = callStream(plain, session, "cut")) {
      assertThat(tryParse(body)).isNull();
    } catch (IOException e) {
      // the gateway cut the connection: the same failure, seen sooner
    }
    try (InputStream body = callStream(plain, session, "blob")) {
      assertThat(message(new byte[0], body.readAllBytes()).path("result").isObject()).isTrue();
    }

    // Answered as an SSE stream, the stream is aborted, not ended as if the event were whole.
    String sse = initialize(streaming);
    try (InputStream body = callStream(streaming, sse, "cut")) {
      assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
    }
    try (InputStream body = callStream(streaming, sse, "blob")) {
      assertThat(message(new byte[0], body.readAllBytes()).path("result").isObject()).isTrue();
    }

    // Governed, the result is read whole before the client is answered: a JSON-RPC error.
    String governed = initialize(audited);
    try (InputStream body = callStream(audited, governed, "cut")) {
      assertThat(message(new byte[0], body.readAllBytes()).path("error").path("message").asString())
          .contains("ended inside its result");
    }
    try (InputStream body = callStream(audited, governed, "blob")) {
      assertThat(message(new byte[0], body.readAllBytes()).path("result").isObject()).isTrue();
    }
  }

  private static Daemon daemon(String extra) {
    String config =
        """
        {"port": 0, "store": "memory",
         "mcpServers": {"big": {"url": "http://127.0.0.1:%d/mcp", "transport": "http"}}%s}
        """
            .formatted(upstream.getAddress().getPort(), extra);
    Daemon daemon =
        Daemon.start(ConfigParser.parse(config, Optional.empty(), "test"), Optional.of(dir));
    await()
        .atMost(WAIT)
        .until(() ->
            daemon.gateway().catalog().tools().stream()
                .map(ToolEntry::name)
                .anyMatch("big_blob"::equals));
    return daemon;
  }

  private static String initialize(Daemon daemon) throws Exception {
    HttpResponse<String> response =
        http.send(
            post(
                    daemon.mcpUri(),
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    http.send(
        post(daemon.mcpUri(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
            .header("Mcp-Session-Id", session)
            .build(),
        HttpResponse.BodyHandlers.discarding());
    return session;
  }

  private static InputStream callStream(Daemon daemon, String session, String tool)
      throws Exception {
    return send(
        daemon,
        session,
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"big_"
            + tool
            + "\",\"arguments\":{}}}");
  }

  private static InputStream send(Daemon daemon, String session, String body) throws Exception {
    HttpResponse<InputStream> response =
        http.send(
            post(daemon.mcpUri(), body).header("Mcp-Session-Id", session).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static HttpRequest.Builder post(URI uri, String body) {
    return HttpRequest.newBuilder(uri)
        .timeout(WAIT)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** The one message of a JSON body or of an SSE stream's data line. */
  private static JsonNode message(byte[] first, byte[] rest) {
    String text =
        new String(first, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (line.startsWith("data:") && line.contains("\"id\"")) {
        return Json.parse(line.substring(5));
      }
    }
    return Json.parse(text);
  }

  private static JsonNode tryParse(InputStream body) throws IOException {
    try {
      return message(new byte[0], body.readAllBytes());
    } catch (RuntimeException e) {
      return null; // a body cut short: no message, an error as well
    }
  }

  /**
   * A session-era MCP server with one big tool, answering in the Node SDK's order (result first).
   * {@code blob} sends half its text, waits for {@link #secondHalf}, then the rest; {@code sse}
   * does the same as one event of an SSE stream, as the SDK's servers answer; {@code cut} ends the
   * body in the middle of the text.
   */
  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(exchange.getRequestMethod().equals("DELETE") ? 200 : 405, -1);
        return;
      }
      JsonNode request = Json.parse(exchange.getRequestBody().readAllBytes());
      if (!request.has("id")) {
        exchange.sendResponseHeaders(202, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      String method = request.path("method").asString();
      String tool = request.path("params").path("name").asString();
      if (method.equals("tools/call")) {
        String content = "{\"content\":[{\"type\":\"text\",\"text\":\"";
        bigAnswer(exchange, request, content, tool.equals("sse"), tool.equals("cut"));
        return;
      }
      if (method.equals("resources/read")) {
        String content =
            "{\"contents\":[{\"uri\":\"big://blob\",\"mimeType\":\"text/plain\",\"text\":\"";
        bigAnswer(exchange, request, content, false, false);
        return;
      }
      ObjectNode result = Json.object();
      switch (method) {
        case "initialize" -> {
          result.put("protocolVersion", "2025-11-25");
          result.putObject("capabilities").putObject("tools");
          result.withObject("capabilities").putObject("resources");
          result.putObject("serverInfo").put("name", "big").put("version", "1");
        }
        case "tools/list" -> {
          for (String name : new String[] {"blob", "sse", "cut"}) {
            result
                .withArray("tools")
                .addObject()
                .put("name", name)
                .putObject("inputSchema")
                .put("type", "object");
          }
        }
        case "resources/list" ->
            result.putArray("resources").addObject().put("uri", "big://blob").put("name", "blob");
        case "ping" -> {}
        default -> {
          reply(exchange, error(request, method));
          return;
        }
      }
      ObjectNode answer = Json.object().put("jsonrpc", "2.0");
      answer.set("id", request.get("id"));
      answer.set("result", result);
      reply(exchange, answer);
    }
  }

  /**
   * An answer whose result starts with {@code start} and goes on with text: half of it, then, after
   * {@link #secondHalf}, the rest. {@code cut} ends the body after the first half.
   */
  private static void bigAnswer(
      HttpExchange exchange, JsonNode request, String start, boolean sse, boolean cut)
      throws IOException {
    if (sse) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    }
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    out.write(
        ((sse ? "event: message\ndata: " : "") + "{\"result\":" + start + "x".repeat(HALF))
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
    if (cut) {
      return;
    }
    try {
      secondHalf.await(2 * WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.write(
        ("x".repeat(HALF)
                + "\"}]},\"jsonrpc\":\"2.0\",\"id\":"
                + request.path("id")
                + "}"
                + (sse ? "\n\n" : ""))
            .getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode error(JsonNode request, String method) {
    ObjectNode answer = Json.object().put("jsonrpc", "2.0");
    answer.set("id", request.get("id"));
    answer.putObject("error").put("code", -32601).put("message", "Method not found: " + method);
    return answer;
  }

  private static void reply(HttpExchange exchange, ObjectNode answer) throws IOException {
    byte[] bytes = Json.bytes(answer);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
