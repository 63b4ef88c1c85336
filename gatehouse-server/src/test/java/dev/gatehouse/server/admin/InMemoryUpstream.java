package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.Json;
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
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An upstream {@code calc} in memory with tools {@code add} (adds a and b), {@code fail} (answers a
 * JSON-RPC error) and {@code wipe}.
 */
final class InMemoryUpstream implements UpstreamConnection {
  private final UpstreamConfig config = UpstreamConfig.stdio("calc", "unused", List.of());
  private final List<UpstreamListener> listeners = new CopyOnWriteArrayList<>();
  final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
  private volatile UpstreamState state = UpstreamState.CONNECTING;

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
    return Optional.empty();
  }

  @Override
  public Optional<ServerInfo> serverInfo() {
    ObjectNode capabilities = Json.object();
    capabilities.putObject("tools");
    return Optional.of(new ServerInfo("2025-11-25", capabilities, Json.object(), Optional.empty()));
  }

  @Override
  public void start() {
    state = UpstreamState.READY;
    listeners.forEach(l -> l.onStateChanged(this, state));
  }

  @Override
  public Response request(String method, ObjectNode params, CallOptions options) {
    IntNode id = IntNode.valueOf(1);
    if (method.equals("tools/list")) {
      ObjectNode result = Json.object();
      for (String name : List.of("add", "fail", "wipe")) {
        result
            .withArray("tools")
            .addObject()
            .put("name", name)
            .put("description", "the " + name + " tool")
            .set("inputSchema", Json.object().put("type", "object"));
      }
      return Response.result(id, result);
    }
    calls.add(params.deepCopy());
    String name = params.path("name").asString();
    if (name.equals("fail")) {
      return Response.error(id, -32602, "b is missing");
    }
    ObjectNode result = Json.object();
    long sum =
        params.path("arguments").path("a").asLong() + params.path("arguments").path("b").asLong();
    result.putArray("content").addObject().put("type", "text").put("text", name + " " + sum);
    return Response.result(id, result);
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
