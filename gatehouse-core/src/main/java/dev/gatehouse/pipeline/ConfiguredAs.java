package dev.gatehouse.pipeline;

import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamListener;
import dev.gatehouse.upstream.UpstreamState;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection opened with hook-added headers that reports the config as it was configured, so hook
 * headers never show up as a config change (nor in anything that prints the config).
 */
final class ConfiguredAs implements UpstreamConnection {
  private final UpstreamConfig configured;
  private final UpstreamConnection delegate;

  ConfiguredAs(UpstreamConfig configured, UpstreamConnection delegate) {
    this.configured = configured;
    this.delegate = delegate;
  }

  @Override
  public UpstreamConfig config() {
    return configured;
  }

  @Override
  public UpstreamState state() {
    return delegate.state();
  }

  @Override
  public Optional<String> lastError() {
    return delegate.lastError();
  }

  @Override
  public Optional<ServerInfo> serverInfo() {
    return delegate.serverInfo();
  }

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public Response request(String method, ObjectNode params, CallOptions options) {
    return delegate.request(method, params, options);
  }

  @Override
  public void notify(String method, ObjectNode params) {
    delegate.notify(method, params);
  }

  @Override
  public void addListener(UpstreamListener listener) {
    delegate.addListener(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
