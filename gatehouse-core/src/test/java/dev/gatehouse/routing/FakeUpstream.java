package dev.gatehouse.routing;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamListener;
import dev.gatehouse.upstream.UpstreamState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An in-memory upstream for routing tests: answers requests from a script, records them. */
class FakeUpstream implements UpstreamConnection {
  record Call(String method, ObjectNode params, CallOptions options) {}

  private final UpstreamConfig config;
  private final List<UpstreamListener> listeners = new CopyOnWriteArrayList<>();
  final List<Call> calls = new CopyOnWriteArrayList<>();
  final Map<String, BiFunction<ObjectNode, CallOptions, JsonNode>> answers =
      new ConcurrentHashMap<>();

  /** Methods answered with a JSON-RPC error of this code, as a server without them would. */
  final Map<String, Integer> refusals = new ConcurrentHashMap<>();

  private volatile UpstreamState state = UpstreamState.CONNECTING;

  FakeUpstream(UpstreamConfig config) {
    this.config = config;
  }

  FakeUpstream tools(String... names) {
    answers.put(
        "tools/list",
        (p, o) -> {
          ObjectNode result = Json.object();
          for (String name : names) {
            result
                .withArray("tools")
                .addObject()
                .put("name", name)
                .put("description", "the " + name + " tool")
                .set("inputSchema", Json.object().put("type", "object"));
          }
          return result;
        });
    return this;
  }

  FakeUpstream answer(String method, BiFunction<ObjectNode, CallOptions, JsonNode> answer) {
    answers.put(method, answer);
    return this;
  }

  void ready() {
    state = UpstreamState.READY;
    listeners.forEach(l -> l.onStateChanged(this, state));
  }

  void lose() {
    state = UpstreamState.UNAVAILABLE;
    listeners.forEach(l -> l.onStateChanged(this, state));
  }

  void send(Notification notification) {
    listeners.forEach(l -> l.onNotification(this, notification));
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
    capabilities.putObject("prompts");
    capabilities.putObject("resources");
    capabilities.putObject("logging");
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
  public void start() {}

  @Override
  public Response request(String method, ObjectNode params, CallOptions options) {
    if (state != UpstreamState.READY) {
      throw new GatewayException(ErrorCode.SERVER_UNAVAILABLE, config.name() + " is unavailable");
    }
    calls.add(new Call(method, params.deepCopy(), options));
    Integer refusal = refusals.get(method);
    if (refusal != null) {
      return Response.error(Json.mapper().getNodeFactory().numberNode(1), refusal, "no " + method);
    }
    BiFunction<ObjectNode, CallOptions, JsonNode> answer = answers.get(method);
    if (answer == null) {
      return method.endsWith("/list")
          ? Response.result(Json.mapper().getNodeFactory().numberNode(1), Json.object())
          : Response.error(Json.mapper().getNodeFactory().numberNode(1), -32601, "no " + method);
    }
    return Response.result(
        Json.mapper().getNodeFactory().numberNode(1), answer.apply(params, options));
  }

  @Override
  public void notify(String method, ObjectNode params) {
    calls.add(new Call(method, params, CallOptions.of(java.time.Duration.ZERO)));
  }

  @Override
  public void addListener(UpstreamListener listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    state = UpstreamState.CLOSED;
  }
}
