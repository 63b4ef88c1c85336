package dev.gatehouse.upstream;

import static dev.gatehouse.upstream.Upstreams.CALL_TIMEOUT;
import static dev.gatehouse.upstream.Upstreams.PATIENCE;
import static dev.gatehouse.upstream.Upstreams.awaitState;
import static dev.gatehouse.upstream.Upstreams.quickOptions;
import static dev.gatehouse.upstream.Upstreams.started;
import static dev.gatehouse.upstream.Upstreams.text;
import static dev.gatehouse.upstream.Upstreams.toolCall;
import static dev.gatehouse.upstream.Upstreams.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.internal.ReconnectingConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LegacySseUpstreamTest {
  private final List<UpstreamConnection> connections = new ArrayList<>();
  private LegacySseTestServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = LegacySseTestServer.start();
  }

  @AfterEach
  void stopAll() {
    connections.forEach(UpstreamConnection::close);
    server.close();
  }

  private UpstreamConnection connect(TransportKind kind) {
    UpstreamConnection connection =
        started(url("legacy", kind, server.url(), Map.of()), quickOptions());
    connections.add(connection);
    return connection;
  }

  private static Response echo(UpstreamConnection upstream, String text) {
    return upstream.request(
        "tools/call", toolCall("echo", Map.of("text", text)), CallOptions.of(CALL_TIMEOUT));
  }

  @Test
  void handshakeAndCallOverTheEventStream() {
    UpstreamConnection upstream = connect(TransportKind.SSE);
    awaitState(upstream, UpstreamState.READY);

    ServerInfo info = upstream.serverInfo().orElseThrow();
    assertThat(info.protocolVersion()).isEqualTo("2024-11-05");
    assertThat(info.serverInfo().get("name").asString()).isEqualTo("test-legacy-sse");
    assertThat(text(echo(upstream, "over sse"))).isEqualTo("over sse");
  }

  @Test
  void autoDetectionFallsBackToSseWhenPostIsRefused() {
    UpstreamConnection upstream = connect(TransportKind.AUTO);
    awaitState(upstream, UpstreamState.READY);

    assertThat(server.postsToEventStreamUrl.get()).isGreaterThanOrEqualTo(1);
    assertThat(((ReconnectingConnection) upstream).transportInUse()).contains(TransportKind.SSE);
    assertThat(text(echo(upstream, "detected"))).isEqualTo("detected");
  }

  @Test
  void endOfTheEventStreamIsALossFollowedByReconnection() {
    RecordingListener listener = new RecordingListener();
    UpstreamConnection upstream =
        UpstreamConnections.open(
            url("legacy", TransportKind.SSE, server.url(), Map.of()), quickOptions());
    connections.add(upstream);
    upstream.addListener(listener);
    upstream.start();
    awaitState(upstream, UpstreamState.READY);

    server.dropStreams();

    await().atMost(PATIENCE).until(() -> listener.states.contains(UpstreamState.UNAVAILABLE));
    awaitState(upstream, UpstreamState.READY);
    assertThat(server.eventStreamsOpened.get()).isEqualTo(2);
    assertThat(text(echo(upstream, "back"))).isEqualTo("back");
  }
}
