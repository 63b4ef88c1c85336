package dev.gatehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.hook.ConnectDecision;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamState;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConnectGuardTest {
  private static final UpstreamConfig REMOTE =
      UpstreamConfig.http("remote", TransportKind.HTTP, URI.create("http://127.0.0.1:9/mcp"));

  private final List<UpstreamConfig> opened = new CopyOnWriteArrayList<>();
  private final Function<UpstreamConfig, UpstreamConnection> connector =
      config -> {
        opened.add(config);
        return new ScriptedUpstream(config, "search");
      };

  @Test
  void withoutConnectHooksTheConnectorIsUsedAsItIs() {
    assertThat(ConnectGuard.wrap(connector, Hooks.none())).isSameAs(connector);
  }

  @Test
  void headersOfConnectHooksMergeInOrderAndTheConfigStillReadsAsConfigured() {
    Hooks hooks =
        Hooks.builder()
            .connect(
                c -> ConnectDecision.withHeaders(Map.of("Authorization", "Bearer a", "X-One", "1")))
            .connect(c -> ConnectDecision.withHeaders(Map.of("Authorization", "Bearer b")))
            .connect(c -> ConnectDecision.proceed())
            .build();

    UpstreamConnection connection = ConnectGuard.wrap(connector, hooks).apply(REMOTE);

    assertThat(opened)
        .singleElement()
        .extracting(UpstreamConfig::headers)
        .isEqualTo(Map.of("Authorization", "Bearer b", "X-One", "1"));
    assertThat(connection.config()).isEqualTo(REMOTE);
  }

  @Test
  void aRefusedUpstreamNeverConnectsAndObserversHearWhy() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Hooks hooks =
        Hooks.builder()
            .connect(c -> ConnectDecision.refuse("not on the egress allowlist"))
            .connect(c -> {
              throw new AssertionError("later hooks are not asked");
            })
            .connectError((server, error) -> {
              throw new IllegalStateException("observer broken");
            })
            .connectError((server, error) -> heard.add(server + ": " + error))
            .build();

    UpstreamConnection connection = ConnectGuard.wrap(connector, hooks).apply(REMOTE);
    connection.start();

    assertThat(opened).isEmpty();
    assertThat(connection.state()).isEqualTo(UpstreamState.UNAVAILABLE);
    assertThat(heard)
        .containsExactly("remote: refused by a connect hook: not on the egress allowlist");
    assertThatThrownBy(() ->
            connection.request("tools/list", Json.object(), CallOptions.of(Duration.ofSeconds(1))))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE));
  }

  @Test
  void aThrowingConnectHookRefusesTheUpstream() {
    Hooks hooks =
        Hooks.builder()
            .connect(c -> {
              throw new IllegalStateException("vault down");
            })
            .build();
    UpstreamConnection connection = ConnectGuard.wrap(connector, hooks).apply(REMOTE);
    connection.start();
    assertThat(opened).isEmpty();
    assertThat(connection.lastError()).contains("refused by a connect hook: a connect hook failed");
  }

  @Test
  void observersHearWhenAConnectedUpstreamBecomesUnavailable() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Hooks hooks = Hooks.builder().connectError((server, error) -> heard.add(server)).build();
    List<ScriptedUpstream> made = new CopyOnWriteArrayList<>();
    UpstreamConnection connection =
        ConnectGuard.wrap(
                c -> {
                  ScriptedUpstream upstream = new ScriptedUpstream(c, "search");
                  made.add(upstream);
                  return upstream;
                },
                hooks)
            .apply(REMOTE);
    connection.start();
    made.getFirst().lose();
    assertThat(heard).containsExactly("remote");
  }
}
