package dev.gatehouse.modern;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Serves both protocol eras with one session-era handler (the gateway's routing core). Session-era
 * messages pass straight through. A 2026-07-28 request, which the transport hands over without a
 * session, is served here: {@code server/discover} from the core's initialize answer, {@code
 * subscriptions/listen} as a session of the core that forwards only the opted-in changes, calls
 * that may need the client's input through a {@link BridgedCall}, everything else by the core with
 * the request's own envelope. Every answer is adapted on the way out (resultType, server identity,
 * cache hints, renumbered errors), so the core produces one era-neutral form.
 */
public final class DualEraHandler implements McpHandler {
  private static final Set<String> REMOVED =
      Set.of(
          McpMethods.INITIALIZE,
          McpMethods.PING,
          McpMethods.LOGGING_SET_LEVEL,
          McpMethods.RESOURCES_SUBSCRIBE,
          McpMethods.RESOURCES_UNSUBSCRIBE);
  private static final JsonNode INTERNAL_ID = StringNode.valueOf("gatehouse-stateless");

  private final McpHandler core;
  private final InputRounds rounds;
  private final Map<String, Runnable> cancellers = new ConcurrentHashMap<>();
  private volatile ObjectNode serverInfo;

  private DualEraHandler(McpHandler core, Duration parkLimit, Clock clock) {
    this.core = core;
    this.rounds = new InputRounds(parkLimit, clock);
  }

  /** The handler serving both eras on top of {@code core}; a dual-era handler is returned as is. */
  public static McpHandler of(McpHandler core) {
    return core instanceof DualEraHandler ? core : of(core, InputRounds.DEFAULT_PARK_LIMIT);
  }

  /**
   * Like {@link #of(McpHandler)}, with how long a call that asked the client for input waits for
   * the client's retry before it is abandoned.
   */
  public static DualEraHandler of(McpHandler core, Duration parkLimit) {
    return new DualEraHandler(core, parkLimit, Clock.systemUTC());
  }

  /** The session-era handler underneath. */
  public McpHandler core() {
    return core;
  }

  /** How many calls wait for a client's retry with input responses. */
  public int parkedCalls() {
    return rounds.size();
  }

  @Override
  public List<String> protocolVersions() {
    Set<String> versions = new LinkedHashSet<>(ProtocolVersion.STATELESS_ERA);
    versions.addAll(core.protocolVersions());
    return List.copyOf(versions);
  }

  @Override
  public Response handle(Request request, Exchange exchange) {
    if (!isStateless(exchange)) {
      return core.handle(request, exchange);
    }
    Response response;
    try {
      Envelope envelope = Envelope.read(request, ProtocolVersion.STATELESS_ERA);
      StatelessExchange scoped = new StatelessExchange(exchange, envelope);
      response =
          switch (request.method()) {
            case McpMethods.SERVER_DISCOVER -> discover(request, scoped);
            case McpMethods.SUBSCRIPTIONS_LISTEN -> listen(request, scoped);
            case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET, McpMethods.RESOURCES_READ ->
                bridged(request, scoped);
            default -> {
              if (REMOVED.contains(request.method())) {
                throw new GatewayException(
                    ErrorCode.METHOD_NOT_FOUND,
                    "Method not found: "
                        + request.method()
                        + " is not part of protocol 2026-07-28");
              }
              MetaKeys.stripEnvelope(request.params());
              yield core.handle(request, scoped);
            }
          };
      return StatelessResults.adapt(response, request.method(), serverInfo(scoped));
    } catch (GatewayException e) {
      return StatelessResults.adapt(
          Response.error(request.id(), e), request.method(), Optional.ofNullable(serverInfo));
    }
  }

  @Override
  public void onNotification(Notification notification, Exchange exchange) {
    if (isStateless(exchange) && McpMethods.CANCELLED.equals(notification.method())) {
      JsonNode requestId = notification.params().get("requestId");
      Runnable canceller = requestId == null ? null : cancellers.get(Json.text(requestId));
      if (canceller != null) {
        canceller.run();
        return;
      }
    }
    core.onNotification(notification, exchange);
  }

  @Override
  public void onSessionClosed(DownstreamSession session) {
    core.onSessionClosed(session);
  }

  private static boolean isStateless(Exchange exchange) {
    return exchange.session().isEmpty() && ProtocolVersion.isStateless(exchange.protocolVersion());
  }

  /** The core's initialize answer, as a stateless client's discovery result. */
  private Response discover(Request request, StatelessExchange scoped) {
    Response initialized = core.handle(initializeRequest(request.id(), scoped.envelope()), scoped);
    if (initialized.isError() || !(initialized.result().orElse(null) instanceof ObjectNode init)) {
      return initialized;
    }
    remember(init);
    ObjectNode result = Json.object();
    protocolVersions().forEach(result.putArray("supportedVersions")::add);
    result.set(
        "capabilities",
        init.get("capabilities") instanceof ObjectNode caps ? caps.deepCopy() : Json.object());
    Json.string(init, "instructions").ifPresent(text -> result.put("instructions", text));
    return Response.result(request.id(), result);
  }

  /**
   * Keeps a {@code subscriptions/listen} request open until the client closes it (or the transport
   * ends), as a session of the core restricted to the opted-in changes.
   */
  private Response listen(Request request, StatelessExchange scoped) {
    JsonNode notifications = request.params().path("notifications");
    ListenStream stream =
        new ListenStream(
            request.id(), ListenStream.Filter.of(notifications), scoped.envelope(), scoped::notify);
    Exchange asSession = new ListenExchange(stream, scoped);
    Response opened = core.handle(initializeRequest(INTERNAL_ID, scoped.envelope()), asSession);
    if (opened.isError()) {
      return opened.withId(request.id());
    }
    CountDownLatch ended = new CountDownLatch(1);
    String key = Json.text(request.id());
    cancellers.put(key, ended::countDown);
    try {
      for (String uri : stream.filter().resourceUris()) {
        Response subscribed =
            core.handle(resourceRequest(McpMethods.RESOURCES_SUBSCRIBE, uri), asSession);
        if (!subscribed.isError()) {
          stream.honor(uri);
        }
      }
      scoped.onClose(ended::countDown);
      stream.acknowledge();
      ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stream.close();
      cancellers.remove(key);
      for (String uri : stream.honoredUris()) {
        core.handle(resourceRequest(McpMethods.RESOURCES_UNSUBSCRIBE, uri), asSession);
      }
      core.onSessionClosed(stream);
    }
    return Response.result(request.id(), stream.closingResult());
  }

  /**
   * A call that may need the client's input: a fresh one starts in the core, a retry carrying the
   * gateway's {@code requestState} continues the call it names.
   */
  private Response bridged(Request request, StatelessExchange scoped) {
    ObjectNode params = request.params();
    JsonNode state = params.get("requestState");
    Optional<String> authorization = scoped.header("Authorization");
    BridgedCall call;
    if (InputRounds.isGatewayState(state)) {
      JsonNode responses = params.get("inputResponses");
      if (responses != null && !(responses instanceof ObjectNode)) {
        throw new GatewayException(
            ErrorCode.INVALID_PARAMS, "Invalid params: inputResponses must be an object");
      }
      call = rounds.resume(state.stringValue(), request, authorization);
      call.attach(request, scoped);
      if (responses instanceof ObjectNode answers) {
        call.answer(answers);
      }
    } else {
      MetaKeys.stripEnvelope(params);
      call = BridgedCall.start(core, request, scoped);
    }
    String key = Json.text(request.id());
    Runnable cancel = call::cancel;
    cancellers.put(key, cancel);
    scoped.onClose(cancel);
    try {
      return switch (call.awaitOutcome()) {
        case BridgedCall.Done done -> done.response().withId(request.id());
        case BridgedCall.NeedsInput needs ->
            inputRequired(request.id(), needs, rounds.park(call, authorization));
      };
    } finally {
      cancellers.remove(key, cancel);
    }
  }

  private static Response inputRequired(
      JsonNode id, BridgedCall.NeedsInput needs, String requestState) {
    ObjectNode result = Json.object();
    result.put("resultType", StatelessResults.INPUT_REQUIRED);
    ObjectNode requests = result.putObject("inputRequests");
    for (BridgedCall.Input input : needs.inputs()) {
      ObjectNode request = requests.putObject(input.key());
      request.put("method", input.method());
      request.set("params", input.params().deepCopy());
    }
    result.put("requestState", requestState);
    return Response.result(id, result);
  }

  /** The gateway's own identity for result {@code _meta}, learned from the core once. */
  private Optional<ObjectNode> serverInfo(StatelessExchange scoped) {
    ObjectNode known = serverInfo;
    if (known == null) {
      Response initialized = core.handle(initializeRequest(INTERNAL_ID, scoped.envelope()), scoped);
      initialized
          .result()
          .filter(ObjectNode.class::isInstance)
          .map(ObjectNode.class::cast)
          .ifPresent(this::remember);
      known = serverInfo;
    }
    return Optional.ofNullable(known);
  }

  private void remember(ObjectNode initializeResult) {
    if (initializeResult.get("serverInfo") instanceof ObjectNode info) {
      serverInfo = info.deepCopy();
    }
  }

  /** The handshake the core expects, made from a stateless request's envelope. */
  private static Request initializeRequest(JsonNode id, Envelope envelope) {
    ObjectNode params = Json.object();
    params.put("protocolVersion", ProtocolVersion.LATEST_SESSION_ERA);
    params.set("capabilities", envelope.clientCapabilities().deepCopy());
    params.set(
        "clientInfo",
        envelope
            .clientInfo()
            .map(ObjectNode::deepCopy)
            .orElseGet(() -> Json.object().put("name", "unknown").put("version", "0")));
    return Request.of(id, McpMethods.INITIALIZE, params);
  }

  private static Request resourceRequest(String method, String uri) {
    return Request.of(INTERNAL_ID, method, Json.object().put("uri", uri));
  }

  /** How the core reaches a listen stream: as the stream's session, with the request's headers. */
  private record ListenExchange(ListenStream stream, StatelessExchange request)
      implements Exchange {
    @Override
    public Optional<DownstreamSession> session() {
      return Optional.of(stream);
    }

    @Override
    public String protocolVersion() {
      return stream.protocolVersion();
    }

    @Override
    public ObjectNode clientCapabilities() {
      return stream.clientCapabilities();
    }

    @Override
    public Optional<String> header(String name) {
      return request.header(name);
    }

    @Override
    public void notify(Notification notification) {
      stream.notify(notification);
    }

    @Override
    public Response request(String method, ObjectNode params, Duration timeout) {
      return stream.request(method, params, timeout);
    }
  }
}
