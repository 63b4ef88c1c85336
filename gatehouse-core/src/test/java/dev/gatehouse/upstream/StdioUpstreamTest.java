package dev.gatehouse.upstream;

import static dev.gatehouse.upstream.Upstreams.CALL_TIMEOUT;
import static dev.gatehouse.upstream.Upstreams.PATIENCE;
import static dev.gatehouse.upstream.Upstreams.awaitState;
import static dev.gatehouse.upstream.Upstreams.call;
import static dev.gatehouse.upstream.Upstreams.quickOptions;
import static dev.gatehouse.upstream.Upstreams.result;
import static dev.gatehouse.upstream.Upstreams.started;
import static dev.gatehouse.upstream.Upstreams.stdio;
import static dev.gatehouse.upstream.Upstreams.text;
import static dev.gatehouse.upstream.Upstreams.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StdioUpstreamTest {
  private final List<UpstreamConnection> connections = new ArrayList<>();

  @AfterEach
  void closeAll() {
    connections.forEach(UpstreamConnection::close);
  }

  private UpstreamConnection connect(UpstreamConfig config, UpstreamOptions options) {
    UpstreamConnection connection = started(config, options);
    connections.add(connection);
    return connection;
  }

  private UpstreamConnection ready(String... flags) {
    UpstreamConnection connection = connect(stdio("echo", Map.of(), flags), quickOptions());
    awaitState(connection, UpstreamState.READY);
    return connection;
  }

  @Test
  void handshakeRecordsWhatTheServerSaidDespiteBannerAndEarlyNotification() {
    UpstreamConnection upstream = ready("--banner", "--notify-before-init");

    ServerInfo info = upstream.serverInfo().orElseThrow();
    assertThat(info.protocolVersion()).isEqualTo("2025-11-25");
    assertThat(info.serverInfo().get("name").asString()).isEqualTo("test-stdio");
    assertThat(info.has("tools")).isTrue();
    assertThat(info.instructions()).contains("use the echo tool");
    assertThat(upstream.lastError()).isEmpty();
    assertThat(text(call(upstream, "echo"))).isEmpty();
  }

  @Test
  void requestReturnsTheUpstreamAnswerUnderTheConnectionsOwnId() {
    UpstreamConnection upstream = ready();

    Response first =
        upstream.request(
            "tools/call", toolCall("echo", Map.of("text", "hi")), CallOptions.of(CALL_TIMEOUT));
    Response second = call(upstream, "echo");

    assertThat(text(first)).isEqualTo("hi");
    assertThat(first.id().isIntegralNumber()).isTrue();
    assertThat(second.id().asLong()).isGreaterThan(first.id().asLong());
  }

  @Test
  void upstreamJsonRpcErrorIsReturnedNotThrown() {
    UpstreamConnection upstream = ready();

    Response response = call(upstream, "fail");

    assertThat(response.isError()).isTrue();
    assertThat(response.error().orElseThrow().get("code").asInt())
        .isEqualTo(JsonRpcCodes.INVALID_PARAMS);
    assertThat(response.error().orElseThrow().get("message").asString()).isEqualTo("bad arguments");
  }

  @Test
  void timeoutFailsTheCallAndCancelsItUpstream() {
    UpstreamConnection upstream = ready();

    assertThatThrownBy(() ->
            upstream.request(
                "tools/call", toolCall("slow", Map.of()), CallOptions.of(Duration.ofMillis(300))))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
        .hasMessageContaining("echo did not answer tools/call");

    JsonNode cancelled = awaitCancellations(upstream, 1);
    assertThat(cancelled.path(0).path("reason").asString()).startsWith("timed out");
    assertThat(upstream.state()).isEqualTo(UpstreamState.READY);
  }

  @Test
  void interruptingTheCallerCancelsTheCallUpstream() throws Exception {
    UpstreamConnection upstream = ready();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread caller =
        Thread.ofVirtual()
            .start(() -> {
              try {
                call(upstream, "slow");
              } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    await().atMost(PATIENCE).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
    caller.interrupt();
    caller.join(PATIENCE);

    assertThat(thrown.get())
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
    assertThat(stillInterrupted.get()).isTrue();
    assertThat(awaitCancellations(upstream, 1).path(0).path("reason").asString())
        .isEqualTo("cancelled by the client");
  }

  @Test
  void processDeathFailsEveryCallAtOnceThenReconnects() throws Exception {
    RecordingListener listener = new RecordingListener();
    UpstreamConnection upstream =
        UpstreamConnections.open(stdio("dying", Map.of()), quickOptions());
    connections.add(upstream);
    upstream.addListener(listener);
    upstream.start();
    awaitState(upstream, UpstreamState.READY);
    long firstPid = pid(upstream);

    CompletableFuture<Response> waiting =
        CompletableFuture.supplyAsync(() -> call(upstream, "slow"), virtualThreads());
    assertThatThrownBy(() -> call(upstream, "crash"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE))
        .hasMessageStartingWith("dying is unavailable: process exited with code 3");
    assertThat(waiting)
        .failsWithin(PATIENCE)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE));

    await().atMost(PATIENCE).until(() -> listener.states.contains(UpstreamState.UNAVAILABLE));
    awaitState(upstream, UpstreamState.READY);
    assertThat(upstream.lastError()).isEmpty();
    assertThat(pid(upstream)).isNotEqualTo(firstPid);
    await()
        .atMost(PATIENCE)
        .untilAsserted(() ->
            assertThat(listener.states)
                .containsSubsequence(
                    UpstreamState.READY, UpstreamState.UNAVAILABLE, UpstreamState.READY));
  }

  @Test
  void missingCommandLeavesTheConnectionUnavailableAndRetrying(@TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path script = dir.resolve("late-server");
    UpstreamConfig config =
        new UpstreamConfig(
            "late",
            TransportKind.STDIO,
            java.util.Optional.of(script.toString()),
            List.of(),
            Map.of(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            Map.of(),
            "late",
            UpstreamConfig.DEFAULT_TIMEOUT);
    UpstreamConnection upstream = connect(config, quickOptions());

    awaitState(upstream, UpstreamState.UNAVAILABLE);
    assertThat(upstream.lastError()).contains("command not found: " + script);
    assertThatThrownBy(() -> call(upstream, "echo"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE))
        .hasMessage("late is unavailable: command not found: " + script);

    // The command appears later: the retry loop picks it up without anyone calling start again.
    List<String> server = StdioTestServer.commandLine();
    StringBuilder body = new StringBuilder("#!/bin/sh\nexec");
    server.forEach(part -> body.append(" '").append(part).append('\''));
    java.nio.file.Files.writeString(script, body.append('\n').toString());
    script.toFile().setExecutable(true);

    awaitState(upstream, UpstreamState.READY);
    assertThat(text(call(upstream, "echo"))).isEmpty();
  }

  @Test
  void progressTokensAreMappedToTheUpstreamAndBack() {
    UpstreamConnection upstream = ready();
    FakeExchange origin = new FakeExchange("client");
    ObjectNode params = toolCall("progress", Map.of());
    params.putObject("_meta").put("progressToken", "client-token-1");

    Response response =
        upstream.request("tools/call", params, CallOptions.of(CALL_TIMEOUT, origin));

    JsonNode seenUpstream = result(response).get("seenToken");
    assertThat(seenUpstream.asString()).isNotEqualTo("client-token-1");
    assertThat(params.path("_meta").path("progressToken").asString()).isEqualTo("client-token-1");
    List<Notification> progress = origin.notifications("notifications/progress");
    assertThat(progress).hasSize(2);
    assertThat(progress)
        .allSatisfy(n ->
            assertThat(n.params().get("progressToken").asString()).isEqualTo("client-token-1"));
    assertThat(progress.get(1).params().get("progress").asInt()).isEqualTo(2);
  }

  @Test
  void serverRequestGoesToTheCallsOriginAndTheAnswerBackUpstream() {
    UpstreamConnection upstream = ready();
    FakeExchange origin = new FakeExchange("the client");

    Response response =
        upstream.request(
            "tools/call", toolCall("sample", Map.of()), CallOptions.of(CALL_TIMEOUT, origin));

    assertThat(origin.requests).hasSize(1);
    assertThat(origin.requests.getFirst().method()).isEqualTo("sampling/createMessage");
    assertThat(origin.requests.getFirst().params().path("maxTokens").asInt()).isEqualTo(10);
    JsonNode answer = result(response).get("answer");
    assertThat(answer.get("id").asString()).isEqualTo("srv-1");
    assertThat(answer.path("result").path("content").path("text").asString())
        .isEqualTo("answered by the client");
  }

  @Test
  void serverRequestWithoutOriginIsAnsweredByTheFallback() {
    UpstreamConnection upstream = ready();

    Response response = call(upstream, "roots");

    // The roots of a shared upstream session belong to no single client: the fallback has none.
    JsonNode answer = result(response).get("answer");
    assertThat(answer.path("result").path("roots").isArray()).isTrue();
    assertThat(answer.path("result").path("roots").size()).isZero();
  }

  @Test
  void notificationsOutsideARequestReachTheListeners() {
    RecordingListener listener = new RecordingListener();
    UpstreamConnection upstream =
        UpstreamConnections.open(stdio("notes", Map.of()), quickOptions());
    connections.add(upstream);
    upstream.addListener(listener);
    upstream.start();
    awaitState(upstream, UpstreamState.READY);
    FakeExchange origin = new FakeExchange("client");

    upstream.request("tools/call", toolCall("changed", Map.of()), CallOptions.of(CALL_TIMEOUT));
    upstream.request("tools/call", toolCall("log", Map.of()), CallOptions.of(CALL_TIMEOUT, origin));

    await()
        .atMost(PATIENCE)
        .untilAsserted(() ->
            assertThat(listener.notificationMethods())
                .containsExactly("notifications/tools/list_changed", "notifications/message"));
    assertThat(origin.notifications).isEmpty();
  }

  @Test
  void envReferencesAreResolvedWhenConnecting() {
    UpstreamOptions options =
        quickOptions()
            .withEnvironment(
                name -> java.util.Optional.ofNullable(Map.of("TEST_GREETING", "hello").get(name)));
    UpstreamConnection upstream =
        connect(stdio("env", Map.of("GREETING", "${env:TEST_GREETING}, ${NAME:-world}")), options);
    awaitState(upstream, UpstreamState.READY);

    Response response =
        upstream.request(
            "tools/call",
            toolCall("env", Map.of("name", "GREETING")),
            CallOptions.of(CALL_TIMEOUT));

    assertThat(result(response).get("value").asString()).isEqualTo("hello, world");
  }

  @Test
  void unresolvableReferenceFailsTheConnectLoudly() {
    UpstreamConnection upstream =
        connect(
            stdio("secret", Map.of("TOKEN", "${env:GATEHOUSE_TEST_SURELY_UNSET}")), quickOptions());

    awaitState(upstream, UpstreamState.UNAVAILABLE);

    assertThat(upstream.lastError().orElseThrow())
        .contains("env TOKEN")
        .contains("environment variable GATEHOUSE_TEST_SURELY_UNSET is not set");
  }

  @Test
  void closeStopsTheChildProcess() {
    UpstreamConnection upstream = ready();
    ProcessHandle child = ProcessHandle.of(pid(upstream)).orElseThrow();

    upstream.close();

    assertThat(child.isAlive()).isFalse();
    assertThat(upstream.state()).isEqualTo(UpstreamState.CLOSED);
    assertThatThrownBy(() -> call(upstream, "echo"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE))
        .hasMessageContaining("closed");
  }

  private static long pid(UpstreamConnection upstream) {
    return result(call(upstream, "pid")).get("pid").asLong();
  }

  private static JsonNode awaitCancellations(UpstreamConnection upstream, int count) {
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .until(() -> {
          seen.set(result(call(upstream, "cancellations")).get("cancelled"));
          return seen.get().size() >= count;
        });
    return seen.get();
  }

  private static java.util.concurrent.Executor virtualThreads() {
    return task -> Thread.ofVirtual().start(task);
  }
}
