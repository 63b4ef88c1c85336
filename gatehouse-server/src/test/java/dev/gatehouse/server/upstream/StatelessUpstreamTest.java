package dev.gatehouse.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.modern.DualEraHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamConnections;
import dev.gatehouse.upstream.UpstreamListener;
import dev.gatehouse.upstream.UpstreamOptions;
import dev.gatehouse.upstream.UpstreamState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The gateway's upstream side against servers of each era, served by our own endpoint. */
class StatelessUpstreamTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final TinyServer tiny = new TinyServer();
  private final List<Notification> heard = new CopyOnWriteArrayList<>();
  private RecordingHandler recorder;
  private GatehouseHttpServer server;
  private UpstreamConnection upstream;

  @AfterEach
  void stop() {
    if (upstream != null) {
      upstream.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aStatelessOnlyServerIsReachedWithoutInitialize() {
    connect(true, true);

    assertThat(upstream.serverInfo().orElseThrow().protocolVersion()).isEqualTo("2026-07-28");
    assertThat(upstream.serverInfo().orElseThrow().serverInfo().path("name").asString())
        .isEqualTo("tiny");
    assertThat(recorder.of("initialize")).isEmpty();
    assertThat(recorder.of("server/discover")).hasSize(1);
  }

  @Test
  void callsCarryTheEnvelopeAndHeadersAndComeBackInTheSessionEraShape() {
    connect(true, true);

    Response answer = upstream.request("tools/call", echo("hi"), CallOptions.of(WAIT));

    JsonNode result = answer.result().orElseThrow();
    assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("hi");
    assertThat(result.has("resultType")).isFalse();
    assertThat(result.has("_meta")).isFalse();
    RecordingHandler.Arrived call = recorder.of("tools/call").getFirst();
    JsonNode meta = call.request().params().path("_meta");
    assertThat(meta.path("io.modelcontextprotocol/protocolVersion").asString())
        .isEqualTo("2026-07-28");
    assertThat(meta.path("io.modelcontextprotocol/clientInfo").path("name").asString())
        .isEqualTo("gatehouse");
    assertThat(meta.has("io.modelcontextprotocol/clientCapabilities")).isTrue();
    assertThat(call.methodHeader()).isEqualTo("tools/call");
    assertThat(call.nameHeader()).isEqualTo("echo");
  }

  @Test
  void aDualEraServerIsSpokenToInTheStatelessRevision() {
    connect(false, true);

    assertThat(upstream.serverInfo().orElseThrow().protocolVersion()).isEqualTo("2026-07-28");
    assertThat(recorder.of("initialize")).isEmpty();
  }

  @Test
  void aSessionEraServerIsInitializedAfterTheProbe() {
    connect(false, false);

    assertThat(upstream.serverInfo().orElseThrow().protocolVersion()).isEqualTo("2025-11-25");
    assertThat(recorder.of("initialize")).hasSize(1);
    Response answer = upstream.request("tools/call", echo("hi"), CallOptions.of(WAIT));
    assertThat(answer.result().orElseThrow().path("content").get(0).path("text").asString())
        .isEqualTo("hi");
    assertThat(recorder.of("tools/call").getFirst().request().params().has("_meta")).isFalse();
  }

  @Test
  void anInputRequestIsAskedOfASessionEraClientAndTheSameCallRetried() {
    connect(true, true);
    Client client = new Client(true);

    Response answer =
        upstream.request(
            "tools/call", Json.object().put("name", "ask"), CallOptions.of(WAIT, client));

    assertThat(answer.result().orElseThrow().path("content").get(0).path("text").asString())
        .isEqualTo("Hello, Ada");
    assertThat(client.asked).containsExactly("elicitation/create");
    List<RecordingHandler.Arrived> calls = recorder.of("tools/call");
    assertThat(calls).hasSize(2);
    ObjectNode retry = calls.get(1).request().params();
    assertThat(retry.path("inputResponses").path("input-1").path("content").path("name").asString())
        .isEqualTo("Ada");
    assertThat(retry.path("requestState").asString()).isNotEmpty();
    // The client's own capabilities travel in the envelope, so the server asks only for what the
    // client can answer.
    assertThat(
            calls
                .getFirst()
                .request()
                .params()
                .path("_meta")
                .path("io.modelcontextprotocol/clientCapabilities")
                .has("elicitation"))
        .isTrue();
  }

  @Test
  void aStatelessClientGetsTheInputRequestItself() {
    connect(true, true);

    Response answer =
        upstream.request(
            "tools/call",
            Json.object().put("name", "ask"),
            CallOptions.of(WAIT, new Client(false)));

    assertThat(answer.result().orElseThrow().path("resultType").asString())
        .isEqualTo("input_required");
    assertThat(recorder.of("tools/call")).hasSize(1);
  }

  @Test
  void listChangesArriveThroughTheListenStream() {
    connect(true, true);
    await().atMost(WAIT).until(() -> tiny.sessions.size() == 1);

    tiny.announce("notifications/tools/list_changed", null);

    await().atMost(WAIT).until(() -> methods().contains("notifications/tools/list_changed"));
    assertThat(heard).allSatisfy(n -> assertThat(n.params().has("_meta")).isFalse());
  }

  @Test
  void aSubscriptionChangesTheListenFilterAndUpdatesArrive() {
    connect(true, true);

    Response subscribed =
        upstream.request(
            "resources/subscribe", Json.object().put("uri", "tiny://a"), CallOptions.of(WAIT));

    assertThat(subscribed.isError()).isFalse();
    await().atMost(WAIT).until(() -> tiny.subscriptions.contains("tiny://a"));
    tiny.announce("notifications/resources/updated", Json.object().put("uri", "tiny://a"));
    await().atMost(WAIT).until(() -> methods().contains("notifications/resources/updated"));
  }

  @Test
  void pingAndTheLogLevelAreHandledWithoutTheServer() {
    connect(true, true);

    Response ping = upstream.request("ping", Json.object(), CallOptions.of(WAIT));
    Response level =
        upstream.request(
            "logging/setLevel", Json.object().put("level", "info"), CallOptions.of(WAIT));
    upstream.request("tools/call", echo("x"), CallOptions.of(WAIT));

    assertThat(ping.isError()).isFalse();
    assertThat(level.isError()).isFalse();
    assertThat(recorder.of("ping")).isEmpty();
    assertThat(recorder.of("logging/setLevel")).isEmpty();
    assertThat(
            recorder
                .of("tools/call")
                .getFirst()
                .request()
                .params()
                .path("_meta")
                .path("io.modelcontextprotocol/logLevel")
                .asString())
        .isEqualTo("info");
  }

  private void connect(boolean statelessOnly, boolean dualEra) {
    McpHandler served = dualEra ? DualEraHandler.of(tiny) : tiny;
    recorder = new RecordingHandler(served, statelessOnly);
    server = GatehouseHttpServer.builder().mcp("/mcp", recorder).build().start();
    upstream =
        UpstreamConnections.open(
            UpstreamConfig.http("tiny", TransportKind.HTTP, server.uri().resolve("/mcp")),
            UpstreamOptions.defaults().withHandshakeTimeout(WAIT));
    upstream.addListener(
        new UpstreamListener() {
          @Override
          public void onNotification(UpstreamConnection connection, Notification notification) {
            heard.add(notification);
          }
        });
    upstream.start();
    await().atMost(WAIT).until(() -> upstream.state() == UpstreamState.READY);
  }

  private List<String> methods() {
    return heard.stream().map(Notification::method).toList();
  }

  private static ObjectNode echo(String message) {
    ObjectNode params = Json.object().put("name", "echo");
    params.putObject("arguments").put("message", message);
    return params;
  }

  /** A downstream client: session-era (answers requests) or stateless (cannot be asked). */
  private static final class Client implements Exchange, DownstreamSession {
    final List<String> asked = new CopyOnWriteArrayList<>();
    private final boolean withSession;
    private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();

    Client(boolean withSession) {
      this.withSession = withSession;
    }

    @Override
    public Optional<DownstreamSession> session() {
      return withSession ? Optional.of(this) : Optional.empty();
    }

    @Override
    public String id() {
      return "client";
    }

    @Override
    public String protocolVersion() {
      return withSession ? "2025-11-25" : "2026-07-28";
    }

    @Override
    public ObjectNode clientCapabilities() {
      return Json.object().set("elicitation", Json.object());
    }

    @Override
    public ObjectNode clientInfo() {
      return Json.object();
    }

    @Override
    public ConcurrentMap<String, Object> attributes() {
      return attributes;
    }

    @Override
    public Optional<String> header(String name) {
      return Optional.empty();
    }

    @Override
    public void notify(Notification notification) {}

    @Override
    public Response request(String method, ObjectNode params, Duration timeout) {
      asked.add(method);
      ObjectNode result = Json.object().put("action", "accept");
      result.putObject("content").put("name", "Ada");
      return Response.result(Json.parse("1"), result);
    }

    @Override
    public boolean isOpen() {
      return true;
    }
  }
}
