package dev.gatehouse.pipeline;

import dev.gatehouse.hook.ConnectErrorObserver;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamListener;
import dev.gatehouse.upstream.UpstreamState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/** An upstream a connect hook refused: never connects, unavailable once started. */
final class RefusedConnection implements UpstreamConnection {
  private final UpstreamConfig config;
  private final String reason;
  private final ConnectErrorObserver observer;
  private final List<UpstreamListener> listeners = new CopyOnWriteArrayList<>();
  private volatile UpstreamState state = UpstreamState.CONNECTING;

  RefusedConnection(UpstreamConfig config, String reason, ConnectErrorObserver observer) {
    this.config = config;
    this.reason = "refused by a connect hook: " + reason;
    this.observer = observer;
  }

  @Override
  public UpstreamConfig config() {
    return config;
  }

  @Override
  public UpstreamState state() {
    return state;
  }

  @Override
  public Optional<String> lastError() {
    return state == UpstreamState.UNAVAILABLE ? Optional.of(reason) : Optional.empty();
  }

  @Override
  public Optional<ServerInfo> serverInfo() {
    return Optional.empty();
  }

  @Override
  public void start() {
    if (state != UpstreamState.CONNECTING) {
      return;
    }
    state = UpstreamState.UNAVAILABLE;
    listeners.forEach(l -> l.onStateChanged(this, UpstreamState.UNAVAILABLE));
    observer.onConnectError(config.name(), reason);
  }

  @Override
  public Response request(String method, ObjectNode params, CallOptions options) {
    throw new GatewayException(
        ErrorCode.SERVER_UNAVAILABLE, config.name() + " is unavailable: " + reason);
  }

  @Override
  public void notify(String method, ObjectNode params) {}

  @Override
  public void addListener(UpstreamListener listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    state = UpstreamState.CLOSED;
  }
}
