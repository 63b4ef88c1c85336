package dev.gatehouse.pipeline;

import dev.gatehouse.hook.ConnectDecision;
import dev.gatehouse.hook.ConnectErrorObserver;
import dev.gatehouse.hook.ConnectHook;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamListener;
import dev.gatehouse.upstream.UpstreamState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the connect hooks in front of opening an upstream connection and tells the connect error
 * observers when an upstream is unavailable. The connection reports the config as configured, so
 * the registry still recognises an unchanged upstream on reconcile.
 */
public final class ConnectGuard {
  private static final Logger log = LoggerFactory.getLogger(ConnectGuard.class);

  private ConnectGuard() {}

  /** {@code connector} with the connect hooks and observers of {@code hooks}; itself if none. */
  public static Function<UpstreamConfig, UpstreamConnection> wrap(
      Function<UpstreamConfig, UpstreamConnection> connector, Hooks hooks) {
    if (hooks.connect().isEmpty() && hooks.connectErrors().isEmpty()) {
      return connector;
    }
    return config -> open(connector, hooks, config);
  }

  private static UpstreamConnection open(
      Function<UpstreamConfig, UpstreamConnection> connector, Hooks hooks, UpstreamConfig config) {
    Map<String, String> headers = new LinkedHashMap<>(config.headers());
    for (ConnectHook hook : hooks.connect()) {
      ConnectDecision decision;
      try {
        decision = hook.beforeConnect(config);
      } catch (RuntimeException e) {
        log.error("Connect hook {} failed for {}", hook.getClass().getName(), config.name(), e);
        decision = ConnectDecision.refuse("a connect hook failed");
      }
      switch (decision) {
        case ConnectDecision.Proceed proceed -> headers.putAll(proceed.headers());
        case ConnectDecision.Refuse refuse -> {
          return new RefusedConnection(config, refuse.reason(), observer(hooks.connectErrors()));
        }
        case null -> {
          return new RefusedConnection(
              config, "a connect hook decided nothing", observer(hooks.connectErrors()));
        }
      }
    }
    UpstreamConfig effective =
        headers.equals(config.headers()) || config.transport() == TransportKind.STDIO
            ? config
            : new UpstreamConfig(
                config.name(),
                config.transport(),
                config.command(),
                config.args(),
                config.env(),
                config.cwd(),
                config.url(),
                headers,
                config.prefix(),
                config.timeout());
    UpstreamConnection connection = connector.apply(effective);
    ConnectErrorObserver observer = observer(hooks.connectErrors());
    connection.addListener(
        new UpstreamListener() {
          @Override
          public void onStateChanged(UpstreamConnection upstream, UpstreamState state) {
            if (state == UpstreamState.UNAVAILABLE) {
              observer.onConnectError(config.name(), upstream.lastError().orElse("unavailable"));
            }
          }
        });
    return effective == config ? connection : new ConfiguredAs(config, connection);
  }

  /** Every observer in order; one that throws is logged and the rest still hear. */
  private static ConnectErrorObserver observer(List<ConnectErrorObserver> observers) {
    return (server, error) -> {
      for (ConnectErrorObserver observer : observers) {
        try {
          observer.onConnectError(server, error);
        } catch (RuntimeException e) {
          log.warn(
              "Connect error observer {} failed: {}", observer.getClass().getName(), e.toString());
        }
      }
    };
  }
}
