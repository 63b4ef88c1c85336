package dev.gatehouse.pipeline;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
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
import java.util.function.Function;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory upstream with a fixed tool list: ready as soon as it starts, answers {@code
 * tools/call} through a function of the params, and records every call's params.
 */
public final class ScriptedUpstream implements UpstreamConnection {
  private final UpstreamConfig config;
  private final List<String> tools;
  private final List<UpstreamListener> listeners = new CopyOnWriteArrayList<>();
  public final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
  private volatile Function<ObjectNode, Response> answer;
  private volatile UpstreamState state = UpstreamState.CONNECTING;

  public ScriptedUpstream(UpstreamConfig config, String... tools) {
    this.config = config;
    this.tools = List.of(tools);
    this.answer = params -> Response.result(IntNode.valueOf(1), echo(params));
  }

  /** By default a call answers {@code "<tool> <arguments>"} as text. */
  public static ObjectNode echo(ObjectNode params) {
    ObjectNode result = Json.object();
    result
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", params.path("name").asString() + " " + Json.text(params.path("arguments")));
    return result;
  }

  public ScriptedUpstream answer(Function<ObjectNode, Response> value) {
    this.answer = value;
    return this;
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
    return Optional.empty();
  }

  @Override
  public Optional<ServerInfo> serverInfo() {
    ObjectNode capabilities = Json.object();
    capabilities.putObject("tools");
    return state == UpstreamState.READY
        ? Optional.of(
            new ServerInfo(
                "2025-11-25",
                capabilities,
                Json.object().put("name", config.name()),
                Optional.empty()))
        : Optional.empty();
  }

  @Override
  public void start() {
    state = UpstreamState.READY;
    listeners.forEach(l -> l.onStateChanged(this, state));
  }

  /** The connection is lost. */
  public void lose() {
    state = UpstreamState.UNAVAILABLE;
    listeners.forEach(l -> l.onStateChanged(this, state));
  }

  @Override
  public Response request(String method, ObjectNode params, CallOptions options) {
    if (state != UpstreamState.READY) {
      throw new GatewayException(ErrorCode.SERVER_UNAVAILABLE, config.name() + " is unavailable");
    }
    return switch (method) {
      case "tools/list" -> {
        ObjectNode result = Json.object();
        for (String tool : tools) {
          result
              .withArray("tools")
              .addObject()
              .put("name", tool)
              .put("description", "the " + tool + " tool")
              .set("inputSchema", Json.object().put("type", "object"));
        }
        yield Response.result(IntNode.valueOf(1), result);
      }
      case "tools/call" -> {
        calls.add(params.deepCopy());
        yield answer.apply(params);
      }
      default -> Response.error(IntNode.valueOf(1), -32601, "no " + method);
    };
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
