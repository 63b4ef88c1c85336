package dev.gatehouse.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.modern.DualEraHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.ScriptedHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Both eras on one stdio pipe, as the 2026-07-28 stdio binding describes. */
class StdioStatelessTest {
  private static final String ENVELOPE =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  private final ScriptedHandler core = new ScriptedHandler();
  private final LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();
  private OutputStream toServer;
  private Thread serverThread;

  @BeforeEach
  void start() throws IOException {
    Pipe in = Pipe.open();
    Pipe out = Pipe.open();
    toServer = Channels.newOutputStream(in.sink());
    StdioServer server =
        StdioServer.of(
            DualEraHandler.of(core),
            Channels.newInputStream(in.source()),
            Channels.newOutputStream(out.sink()));
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
    assertThat(serverThread.join(Duration.ofSeconds(20))).isTrue();
  }

  @Test
  void aProbeIsAnsweredWithTheDiscoveryResult() throws Exception {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{"
            + ENVELOPE
            + "}}");

    JsonNode answer = next();
    assertThat(answer.path("id").asString()).isEqualTo("d");
    assertThat(answer.path("result").path("supportedVersions").get(0).asString())
        .isEqualTo("2026-07-28");
  }

  @Test
  void aStatelessRequestAndASessionShareThePipe() throws Exception {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
    next();
    send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"whoami\",\"params\":{" + ENVELOPE + "}}");
    JsonNode stateless = next();
    send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"whoami\",\"params\":{}}");
    JsonNode session = next();

    assertThat(stateless.path("result").path("session").asString()).isEmpty();
    assertThat(stateless.path("result").path("protocolVersion").asString()).isEqualTo("2026-07-28");
    assertThat(stateless.path("result").path("resultType").asString()).isEqualTo("complete");
    assertThat(session.path("result").path("session").asString()).isNotEmpty();
    assertThat(session.path("result").has("resultType")).isFalse();
  }

  @Test
  void anInvalidEnvelopeIsRefusedOnThePipe() throws Exception {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");

    assertThat(next().path("error").path("code").asInt()).isEqualTo(-32602);
  }

  @Test
  void aCancellationNamingAListenStreamEndsIt() throws Exception {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"method\":\"subscriptions/listen\",\"params\":{"
            + "\"notifications\":{\"toolsListChanged\":true},"
            + ENVELOPE
            + "}}");
    JsonNode ack = next();
    assertThat(ack.path("method").asString()).isEqualTo("notifications/subscriptions/acknowledged");
    assertThat(
            ack.path("params")
                .path("_meta")
                .path("io.modelcontextprotocol/subscriptionId")
                .asString())
        .isEqualTo("L");

    send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"L\"}}");

    JsonNode end = next();
    assertThat(end.path("id").asString()).isEqualTo("L");
    Awaitility.await().until(() -> core.closed.size() == 1);
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
}
