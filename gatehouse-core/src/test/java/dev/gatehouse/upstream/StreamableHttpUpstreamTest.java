package dev.gatehouse.upstream;

import static dev.gatehouse.upstream.Upstreams.CALL_TIMEOUT;
import static dev.gatehouse.upstream.Upstreams.PATIENCE;
import static dev.gatehouse.upstream.Upstreams.awaitState;
import static dev.gatehouse.upstream.Upstreams.quickOptions;
import static dev.gatehouse.upstream.Upstreams.result;
import static dev.gatehouse.upstream.Upstreams.started;
import static dev.gatehouse.upstream.Upstreams.text;
import static dev.gatehouse.upstream.Upstreams.toolCall;
import static dev.gatehouse.upstream.Upstreams.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.internal.ReconnectingConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class StreamableHttpUpstreamTest {
  private final List<UpstreamConnection> connections = new ArrayList<>();
  private StreamableHttpTestServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = StreamableHttpTestServer.start();
  }

  @AfterEach
  void stopAll() {
    connections.forEach(UpstreamConnection::close);
    server.close();
  }

  private UpstreamConnection connect(TransportKind kind, Map<String, String> headers) {
    return connect(kind, headers, quickOptions());
  }

  private UpstreamConnection connect(
      TransportKind kind, Map<String, String> headers, UpstreamOptions options) {
    UpstreamConnection connection = started(url("web", kind, server.url(), headers), options);
    connections.add(connection);
    return connection;
  }

  private UpstreamConnection ready() {
    UpstreamConnection connection = connect(TransportKind.HTTP, Map.of());
    awaitState(connection, UpstreamState.READY);
    return connection;
  }

  private static Response call(UpstreamConnection upstream, String tool, String text) {
    return upstream.request(
        "tools/call", toolCall(tool, Map.of("text", text)), CallOptions.of(CALL_TIMEOUT));
  }

  @Test
  void handshakeKeepsTheSessionAndSendsTheNegotiatedVersion() {
    UpstreamConnection upstream = ready();

    assertThat(upstream.serverInfo().orElseThrow().serverInfo().get("name").asString())
        .isEqualTo("test-http");
    assertThat(text(call(upstream, "echo", "json"))).isEqualTo("json");
    assertThat(text(call(upstream, "echo_sse", "sse"))).isEqualTo("sse");
    assertThat(server.protocolHeaders).isNotEmpty().allMatch("2025-11-25"::equals);
    assertThat(server.initializations).hasValue(1);
    await().atMost(PATIENCE).until(() -> server.openGetStreams() == 1);
  }

  @Test
  void upstreamJsonRpcErrorIsReturnedNotThrown() {
    UpstreamConnection upstream = ready();

    Response response = call(upstream, "fail", "");

    assertThat(response.error().orElseThrow().get("message").asString()).isEqualTo("bad arguments");
  }

  @Test
  void progressAndLogLinesOnTheResponseStreamGoToTheOrigin() {
    UpstreamConnection upstream = ready();
    FakeExchange origin = new FakeExchange("client");
    ObjectNode params = toolCall("progress", Map.of());
    params.putObject("_meta").put("progressToken", 42);

    Response response =
        upstream.request("tools/call", params, CallOptions.of(CALL_TIMEOUT, origin));

    assertThat(text(response)).isEqualTo("done");
    assertThat(origin.notifications("notifications/progress"))
        .singleElement()
        .satisfies(n -> assertThat(n.params().get("progressToken").asInt()).isEqualTo(42));
    assertThat(origin.notifications("notifications/message")).hasSize(1);
  }

  @Test
  void samplingOnAResponseStreamGoesToThatRequestsOriginEvenWhenAnotherCallIsNewer()
      throws Exception {
    UpstreamConnection upstream = ready();
    FakeExchange sampler = new FakeExchange("sampler");
    FakeExchange bystander = new FakeExchange("bystander");
    server.samplingGate = new CountDownLatch(1);

    CompletableFuture<Response> sampled =
        CompletableFuture.supplyAsync(
            () ->
                upstream.request(
                    "tools/call",
                    toolCall("sample", Map.of()),
                    CallOptions.of(CALL_TIMEOUT, sampler)),
            task -> Thread.ofVirtual().start(task));
    await().atMost(PATIENCE).until(() -> server.toolsInFlight.get() == 1);
    CompletableFuture<Response> later =
        CompletableFuture.supplyAsync(
            () ->
                upstream.request(
                    "tools/call",
                    toolCall("slow", Map.of()),
                    CallOptions.of(CALL_TIMEOUT, bystander)),
            task -> Thread.ofVirtual().start(task));
    await().atMost(PATIENCE).until(() -> server.toolsInFlight.get() == 2);
    server.samplingGate.countDown();

    Response response = sampled.get();
    assertThat(result(response).path("answer").path("id").asString()).isEqualTo("srv-1");
    assertThat(
            result(response).path("answer").path("result").path("content").path("text").asString())
        .isEqualTo("answered by sampler");
    assertThat(sampler.requests).hasSize(1);
    assertThat(bystander.requests).isEmpty();
    later.cancel(true);
  }

  @Test
  void lostSessionFailsTheCallThenReinitializes() {
    RecordingListener listener = new RecordingListener();
    UpstreamConnection upstream =
        UpstreamConnections.open(
            url("web", TransportKind.HTTP, server.url(), Map.of()), quickOptions());
    connections.add(upstream);
    upstream.addListener(listener);
    upstream.start();
    awaitState(upstream, UpstreamState.READY);

    server.expireSessions();

    assertThatThrownBy(() -> call(upstream, "echo", "x"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE))
        .hasMessage("web is unavailable: session expired, re-initializing");
    await().atMost(PATIENCE).until(() -> server.initializations.get() == 2);
    awaitState(upstream, UpstreamState.READY);
    assertThat(text(call(upstream, "echo", "again"))).isEqualTo("again");
    assertThat(server.sessions).hasSize(1);
  }

  @Test
  void notificationsOnTheGetStreamReachTheListeners() {
    RecordingListener listener = new RecordingListener();
    UpstreamConnection upstream =
        UpstreamConnections.open(
            url("web", TransportKind.HTTP, server.url(), Map.of()), quickOptions());
    connections.add(upstream);
    upstream.addListener(listener);
    upstream.start();
    awaitState(upstream, UpstreamState.READY);
    await().atMost(PATIENCE).until(() -> server.openGetStreams() == 1);

    call(upstream, "notify_get", "");

    await()
        .atMost(PATIENCE)
        .until(() -> listener.notificationMethods().contains("notifications/tools/list_changed"));
  }

  @Test
  void requestOnTheGetStreamRelatesToNoCallAndGetsTheFallback() {
    UpstreamConnection upstream = ready();
    await().atMost(PATIENCE).until(() -> server.openGetStreams() == 1);
    FakeExchange origin = new FakeExchange("client");

    Response response =
        upstream.request(
            "tools/call", toolCall("ask_on_get", Map.of()), CallOptions.of(CALL_TIMEOUT, origin));

    assertThat(origin.requests).isEmpty();
    assertThat(result(response).path("answer").path("result").path("roots").isArray()).isTrue();
  }

  @Test
  void responseStreamDroppedBeforeTheAnswerIsResumedWithLastEventId() {
    UpstreamConnection upstream = ready();

    assertThat(text(call(upstream, "resumable", ""))).isEqualTo("resumed");
    assertThat(server.resumedFrom).containsExactly("evt-1");
  }

  @Test
  void serverWithoutGetStreamIsFine() {
    server.offerGetStream = false;
    UpstreamConnection upstream = ready();

    assertThat(text(call(upstream, "echo", "still works"))).isEqualTo("still works");
    assertThat(upstream.state()).isEqualTo(UpstreamState.READY);
  }

  @Test
  void timeoutCancelsUpstream() {
    UpstreamConnection upstream = ready();

    assertThatThrownBy(() ->
            upstream.request(
                "tools/call", toolCall("slow", Map.of()), CallOptions.of(Duration.ofMillis(300))))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));

    await().atMost(PATIENCE).until(() -> !server.cancelled.isEmpty());
    assertThat(server.cancelled.getFirst().get("reason").asString()).startsWith("timed out");
  }

  @Test
  void aCallThatTimesOutWhileReadingItsStreamLeavesTheSessionReady() throws Exception {
    UpstreamConnection upstream = ready();
    // On a virtual thread, as the gateway's request threads are: the call reads its own answer.
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          try {
            upstream.request(
                "tools/call", toolCall("slow", Map.of()), CallOptions.of(Duration.ofMillis(300)));
            thrown.complete(null);
          } catch (RuntimeException e) {
            thrown.complete(e);
          }
        });

    assertThat(thrown.get())
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    await().atMost(PATIENCE).until(() -> !server.cancelled.isEmpty());
    assertThat(upstream.state()).isEqualTo(UpstreamState.READY);
    assertThat(text(call(upstream, "echo", "still here"))).isEqualTo("still here");
    assertThat(server.initializations).hasValue(1);
  }

  @Test
  void interruptingTheCallerCancelsTheCallUpstreamAndKeepsTheSession() throws Exception {
    UpstreamConnection upstream = ready();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    Thread caller =
        Thread.ofVirtual()
            .start(() -> {
              try {
                call(upstream, "slow", "");
                thrown.complete(null);
              } catch (RuntimeException e) {
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
                thrown.complete(e);
              }
            });
    await().atMost(PATIENCE).until(() -> server.toolsInFlight.get() == 1);

    caller.interrupt();

    assertThat(thrown.get())
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
    assertThat(stillInterrupted.get()).isTrue();
    await().atMost(PATIENCE).until(() -> !server.cancelled.isEmpty());
    assertThat(server.cancelled.getFirst().get("reason").asString())
        .isEqualTo("cancelled by the client");
    assertThat(upstream.state()).isEqualTo(UpstreamState.READY);
    assertThat(text(call(upstream, "echo", "next"))).isEqualTo("next");
  }

  @Test
  void closeDeletesTheSession() {
    UpstreamConnection upstream = ready();
    String session = server.sessions.iterator().next();

    upstream.close();

    assertThat(server.deleted).containsExactly(session);
    assertThat(upstream.state()).isEqualTo(UpstreamState.CLOSED);
  }

  @Test
  void headerReferencesAreResolvedAndAMissingOneFailsLoudly() {
    UpstreamOptions options =
        quickOptions()
            .withEnvironment(name -> Optional.ofNullable(Map.of("API_TOKEN", "abc").get(name)));
    UpstreamConnection good =
        connect(TransportKind.HTTP, Map.of("Authorization", "Bearer ${env:API_TOKEN}"), options);
    awaitState(good, UpstreamState.READY);
    call(good, "echo", "");
    assertThat(server.authorizations).isNotEmpty().allMatch("Bearer abc"::equals);

    UpstreamConnection bad =
        connect(
            TransportKind.HTTP, Map.of("Authorization", "Bearer ${env:MISSING_TOKEN}"), options);
    awaitState(bad, UpstreamState.UNAVAILABLE);
    assertThat(bad.lastError().orElseThrow())
        .isEqualTo(
            "header Authorization: environment variable MISSING_TOKEN is not set"
                + " (referenced as ${env:MISSING_TOKEN})");
    assertThat(server.authorizations).doesNotContain("Bearer ", "Bearer");
  }

  @Test
  void autoDetectionPicksStreamableHttpWhenTheServerSpeaksIt() {
    UpstreamConnection upstream = connect(TransportKind.AUTO, Map.of());
    awaitState(upstream, UpstreamState.READY);

    assertThat(((ReconnectingConnection) upstream).transportInUse()).contains(TransportKind.HTTP);
    assertThat(text(call(upstream, "echo", "auto"))).isEqualTo("auto");
  }

  @Test
  void unreachableServerIsUnavailableWithTheReason() throws Exception {
    URI nowhere;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mcp");
    }
    UpstreamConnection upstream =
        started(url("gone", TransportKind.HTTP, nowhere, Map.of()), quickOptions());
    connections.add(upstream);

    awaitState(upstream, UpstreamState.UNAVAILABLE);

    assertThat(upstream.lastError().orElseThrow()).contains("connection refused");
  }
}
