package dev.gatehouse.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.ScriptedHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StdioServerTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ScriptedHandler handler =
      new ScriptedHandler() {
        @Override
        public Response handle(Request request, Exchange exchange) {
          if (request.method().equals("wait-for-release")) {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Response.result(request.id(), Json.object().put("released", true));
          }
          if (request.method().equals("release")) {
            release.countDown();
            return Response.result(request.id(), Json.object());
          }
          return super.handle(request, exchange);
        }
      };
  private final LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();
  private OutputStream toServer;
  private Thread serverThread;

  @BeforeEach
  void start() throws IOException {
    start(StdioServer.DEFAULT_MAX_LINE_BYTES);
  }

  private void start(int maxLineBytes) throws IOException {
    Pipe in = Pipe.open();
    Pipe out = Pipe.open();
    toServer = Channels.newOutputStream(in.sink());
    StdioServer server =
        StdioServer.of(
            handler,
            Channels.newInputStream(in.source()),
            Channels.newOutputStream(out.sink()),
            maxLineBytes);
    serverThread =
        Thread.ofVirtual()
            .start(() -> {
              server.run();
              try {
                out.sink().close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(out.source()), StandardCharsets.UTF_8));
    Thread.ofVirtual()
        .start(() -> {
          try {
            String line;
            while ((line = reader.readLine()) != null) {
              output.add(line);
            }
          } catch (IOException e) {
            // the test ended
          }
        });
  }

  @AfterEach
  void stop() throws Exception {
    toServer.close();
    assertThat(serverThread.join(java.time.Duration.ofSeconds(20))).isTrue();
  }

  private void send(String line) {
    try {
      toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode next() throws InterruptedException {
    String line = output.poll(20, TimeUnit.SECONDS);
    assertThat(line).as("a line from the server").isNotNull();
    return Json.parse(line);
  }

  private static String request(int id, String method) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{}}";
  }

  private void initialize() throws InterruptedException {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"roots\":{}},"
            + "\"clientInfo\":{\"name\":\"pipe-client\",\"version\":\"1\"}}}");
    JsonNode answer = next();
    assertThat(answer.path("result").path("protocolVersion").asString()).isEqualTo("2025-06-18");
  }

  @Test
  void initializeStartsTheSession() throws Exception {
    initialize();

    assertThat(handler.sessions)
        .singleElement()
        .satisfies(session -> {
          assertThat(session.protocolVersion()).isEqualTo("2025-06-18");
          assertThat(session.clientInfo().path("name").asString()).isEqualTo("pipe-client");
          assertThat(session.isOpen()).isTrue();
        });
  }

  @Test
  void requestsAreAnsweredOnOneLineEach() throws Exception {
    initialize();

    send(request(2, "tools/list"));

    JsonNode answer = next();
    assertThat(answer.path("id").asInt()).isEqualTo(2);
    assertThat(answer.path("result").path("tools").get(0).path("name").asString())
        .isEqualTo("echo");
  }

  @Test
  void requestsRunConcurrently() throws Exception {
    initialize();

    send(request(2, "wait-for-release"));
    send(request(3, "release"));

    // Request 2 can only finish because request 3 ran while it waited; once released, the two
    // answers race, so their order is not part of the contract.
    java.util.Map<Integer, JsonNode> answers = new java.util.HashMap<>();
    for (int i = 0; i < 2; i++) {
      JsonNode answer = next();
      answers.put(answer.path("id").asInt(), answer);
    }
    assertThat(answers).containsOnlyKeys(2, 3);
    assertThat(answers.get(2).path("result").path("released").asBoolean()).isTrue();
  }

  @Test
  void notificationsAreSentBeforeTheResponse() throws Exception {
    initialize();

    send(request(2, "notify-first"));

    assertThat(next().path("method").asString()).isEqualTo("notifications/progress");
    assertThat(next().path("id").asInt()).isEqualTo(2);
  }

  @Test
  void serverToClientRequestRoundTrip() throws Exception {
    initialize();

    send(request(2, "ask-client"));
    JsonNode request = next();
    assertThat(request.path("method").asString()).isEqualTo("roots/list");
    ObjectNode answer = Json.object().put("jsonrpc", "2.0");
    answer.set("id", request.get("id"));
    answer.putObject("result").putArray("roots").addObject().put("uri", "file:///tmp");
    send(Json.text(answer));

    JsonNode result = next();
    assertThat(result.path("id").asInt()).isEqualTo(2);
    assertThat(result.path("result").path("answer").path("roots").get(0).path("uri").asString())
        .isEqualTo("file:///tmp");
  }

  @Test
  void unansweredRequestIsCancelledAndFailsWithTimeout() throws Exception {
    initialize();

    send(request(2, "ask-client-briefly"));

    JsonNode request = next();
    assertThat(request.path("method").asString()).isEqualTo("roots/list");
    JsonNode cancelled = next();
    assertThat(cancelled.path("method").asString()).isEqualTo("notifications/cancelled");
    assertThat(cancelled.path("params").path("requestId")).isEqualTo(request.get("id"));
    JsonNode answer = next();
    assertThat(answer.path("id").asInt()).isEqualTo(2);
    assertThat(answer.path("error").path("data").path("code").asString()).isEqualTo("TIMEOUT");
  }

  @Test
  void clientNotificationsReachTheHandler() throws Exception {
    initialize();

    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    send(request(2, "tools/list"));
    next();

    assertThat(handler.notifications)
        .singleElement()
        .satisfies(n -> assertThat(n.method()).isEqualTo("notifications/initialized"));
  }

  @Test
  void malformedLinesGetErrorsAndTheServerCarriesOn() throws Exception {
    send("{not json");
    JsonNode parseError = next();
    assertThat(parseError.path("id").isNull()).isTrue();
    assertThat(parseError.path("error").path("code").asInt()).isEqualTo(-32700);

    send("{\"jsonrpc\":\"2.0\"}");
    assertThat(next().path("error").path("code").asInt()).isEqualTo(-32600);

    send("");
    initialize();
  }

  @Test
  void handlerFailureBecomesInternalError() throws Exception {
    initialize();

    send(request(2, "boom"));

    JsonNode answer = next();
    assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(answer.toString()).doesNotContain("secret detail");
  }

  @Test
  void endOfInputEndsTheSession() throws Exception {
    initialize();

    toServer.close();

    assertThat(serverThread.join(java.time.Duration.ofSeconds(20))).isTrue();
    assertThat(handler.closed).hasSize(1);
    assertThat(handler.sessions.getFirst().isOpen()).isFalse();
  }

  @Test
  void overlongLineIsRefused() throws Exception {
    stop();
    start(64);

    send(request(2, "tools/list" + "x".repeat(100)));
    assertThat(next().path("error").path("code").asInt()).isEqualTo(-32600);

    send(request(3, "tools/list"));
    assertThat(next().path("id").asInt()).isEqualTo(3);
  }
}
