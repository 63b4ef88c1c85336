package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamListener;
import dev.gatehouse.upstream.UpstreamState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connects to a server on a temporary connection of its own, apart from the running gateway: runs
 * the handshake, lists the tools and closes. The first failure ends the probe (the connection would
 * otherwise retry with backoff), so an unreachable URL or an unresolvable {@code ${env:VAR}} is
 * reported at once with the connection's own reason.
 */
final class UpstreamProbe {
  private final Function<UpstreamConfig, UpstreamConnection> connector;
  private final Duration timeout;

  /**
   * What a probe found.
   *
   * @param info the initialize result, when the handshake succeeded
   * @param error why it did not, or why listing tools failed after it
   * @param tools the tools listed, when the handshake succeeded and the server has tools
   */
  record Outcome(
      Optional<ServerInfo> info, Optional<String> error, Optional<List<ObjectNode>> tools) {
    boolean ok() {
      return info.isPresent() && error.isEmpty();
    }
  }

  UpstreamProbe(Function<UpstreamConfig, UpstreamConnection> connector, Duration timeout) {
    this.connector = connector;
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  Outcome run(UpstreamConfig config) {
    CompletableFuture<UpstreamState> settled = new CompletableFuture<>();
    UpstreamConnection connection = connector.apply(config);
    try {
      connection.addListener(
          new UpstreamListener() {
            @Override
            public void onStateChanged(UpstreamConnection upstream, UpstreamState state) {
              if (state != UpstreamState.CONNECTING) {
                settled.complete(state);
              }
            }
          });
      connection.start();
      UpstreamState state = settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (state != UpstreamState.READY) {
        return failed(
            connection
                .lastError()
                .orElse("the connection " + state.name().toLowerCase(java.util.Locale.ROOT)));
      }
      ServerInfo info = connection.serverInfo().orElseThrow();
      if (!info.has("tools")) {
        return new Outcome(Optional.of(info), Optional.empty(), Optional.empty());
      }
      try {
        return new Outcome(
            Optional.of(info), Optional.empty(), Optional.of(ToolListing.list(connection)));
      } catch (GatewayException e) {
        return new Outcome(Optional.of(info), Optional.of(e.getMessage()), Optional.empty());
      }
    } catch (TimeoutException e) {
      return failed("no handshake within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted");
    } catch (ExecutionException e) {
      return failed(String.valueOf(e.getCause()));
    } finally {
      connection.close();
    }
  }

  private static Outcome failed(String reason) {
    return new Outcome(Optional.empty(), Optional.of(reason), Optional.empty());
  }
}
