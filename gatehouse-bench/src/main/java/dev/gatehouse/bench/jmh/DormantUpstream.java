package dev.gatehouse.bench.jmh;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
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
 * An upstream that never connects: the benchmarks give the registry its listing directly (as a
 * gateway starting from its last-known catalog does), so only the gateway's own work is measured.
 */
final class DormantUpstream implements UpstreamConnection {
  private final UpstreamConfig config;

  DormantUpstream(UpstreamConfig config) {
    this.config = config;
  }

  @Override
  public UpstreamConfig config() {
    return config;
  }

  @Override
  public UpstreamState state() {
    return UpstreamState.CONNECTING;
  }

  @Override
  public Optional<String> lastError() {
    return Optional.empty();
  }

  @Override
  public Optional<ServerInfo> serverInfo() {
    return Optional.empty();
  }

  @Override
  public void start() {}

  @Override
  public Response request(String method, ObjectNode params, CallOptions options) {
    throw new GatewayException(ErrorCode.SERVER_UNAVAILABLE, config.name() + " is dormant");
  }

  @Override
  public void notify(String method, ObjectNode params) {}

  @Override
  public void addListener(UpstreamListener listener) {}

  @Override
  public void close() {}
}
