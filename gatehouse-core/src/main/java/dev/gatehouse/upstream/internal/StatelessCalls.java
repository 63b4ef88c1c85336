package dev.gatehouse.upstream.internal;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.modern.Envelope;
import dev.gatehouse.modern.MetaKeys;
import dev.gatehouse.modern.StatelessResults;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamOptions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests to a stateless (2026-07-28) upstream, in the era-neutral terms of {@link
 * dev.gatehouse.upstream.UpstreamConnection}. Each request carries the envelope: the revision, the
 * capabilities of the client it serves (the gateway's own for its own requests), the gateway's
 * identity and the log level wanted. Answers come back in the session-era shape ({@code resultType:
 * "complete"} and the server's {@code _meta} identity removed).
 *
 * <p>What the revision removed is emulated: {@code ping} and {@code logging/setLevel} are answered
 * here (the level then goes on every request), {@code resources/subscribe} changes the filter of
 * the connection's {@code subscriptions/listen} stream. An {@code input_required} answer is passed
 * on to a stateless client, which answers it itself; for a session-era client the gateway asks the
 * client with real requests and retries the call with the answers.
 */
final class StatelessCalls {
  private static final int MAX_INPUT_ROUNDS = 8;

  private final String name;
  private final LiveSession session;
  private final ServerInfo info;
  private final UpstreamOptions options;
  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private final ListenLoop listen;
  private volatile String logLevel;

  StatelessCalls(
      String name,
      LiveSession session,
      ServerInfo info,
      UpstreamOptions options,
      Consumer<Notification> announce) {
    this.name = name;
    this.session = session;
    this.info = info;
    this.options = options;
    this.listen = new ListenLoop(name, session, this::listenParams, announce);
  }

  LiveSession session() {
    return session;
  }

  /** Opens the listen stream, when the server has changes to announce. */
  void start() {
    listen.start();
  }

  void close() {
    listen.stop();
  }

  Response call(String method, ObjectNode params, CallOptions call) {
    ObjectNode given = params == null ? Json.object() : params;
    switch (method) {
      case McpMethods.PING -> {
        return Response.result(NullNode.getInstance(), Json.object());
      }
      case McpMethods.LOGGING_SET_LEVEL -> {
        logLevel = Json.string(given, "level").orElse(null);
        return Response.result(NullNode.getInstance(), Json.object());
      }
      case McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE -> {
        return subscription(method, given);
      }
      default -> {
        return withInput(method, given, call);
      }
    }
  }

  /** Notifications the revision removed ({@code roots/list_changed}, ...) are dropped. */
  void notify(String method, ObjectNode params) {
    if (McpMethods.CANCELLED.equals(method)) {
      session.notify(method, params);
    }
  }

  private Response subscription(String method, ObjectNode params) {
    String uri = Json.string(params, "uri").orElse("");
    if (!info.capabilities().path("resources").path("subscribe").asBoolean(false)) {
      return Response.error(
          NullNode.getInstance(),
          new GatewayException(
              ErrorCode.METHOD_NOT_FOUND, name + " does not offer resource subscriptions"));
    }
    boolean changed =
        McpMethods.RESOURCES_SUBSCRIBE.equals(method)
            ? subscribed.add(uri)
            : subscribed.remove(uri);
    if (changed) {
      listen.refresh();
    }
    return Response.result(NullNode.getInstance(), Json.object());
  }

  /**
   * Sends the request; while the answer asks for input and the caller is a session-era client, asks
   * that client and retries with its answers.
   */
  private Response withInput(String method, ObjectNode params, CallOptions call) {
    Response response = send(method, params, call);
    Optional<Exchange> origin = call.origin();
    for (int round = 1; StatelessResults.isInputRequired(response); round++) {
      if (origin.isEmpty() || origin.get().session().isEmpty()) {
        return response;
      }
      if (round > MAX_INPUT_ROUNDS) {
        return Response.error(
            response.id(),
            new GatewayException(
                ErrorCode.UPSTREAM_ERROR,
                name + " still asked for input after " + MAX_INPUT_ROUNDS + " rounds"));
      }
      ObjectNode result = (ObjectNode) response.result().orElseThrow();
      ObjectNode answers = Json.object();
      for (Map.Entry<String, JsonNode> entry : result.path("inputRequests").properties()) {
        JsonNode input = entry.getValue();
        Response answer =
            origin
                .get()
                .request(
                    input.path("method").asString(""), sessionEraParams(input), call.timeout());
        if (answer.isError()) {
          return Response.error(response.id(), answer.error().orElseGet(Json::object));
        }
        answers.set(entry.getKey(), answer.result().orElseGet(Json::object));
      }
      ObjectNode retry = Json.object();
      retry.setAll(params);
      retry.set("inputResponses", answers);
      JsonNode state = result.get("requestState");
      if (state != null && state.isString()) {
        retry.set("requestState", state);
      } else {
        retry.remove("requestState");
      }
      response = send(method, retry, call);
    }
    return response;
  }

  /**
   * An input request's params as a session-era client expects them: 2025-11-25 URL elicitations
   * carry an {@code elicitationId}, which 2026-07-28 dropped.
   */
  private static ObjectNode sessionEraParams(JsonNode input) {
    ObjectNode params =
        input.get("params") instanceof ObjectNode given ? given.deepCopy() : Json.object();
    if (McpMethods.ELICITATION_CREATE.equals(input.path("method").asString(""))
        && "url".equals(params.path("mode").asString(""))
        && !params.has("elicitationId")) {
      params.put("elicitationId", UUID.randomUUID().toString());
    }
    return params;
  }

  private Response send(String method, ObjectNode params, CallOptions call) {
    ObjectNode sent = Json.object();
    sent.setAll(params);
    ObjectNode meta = Json.object();
    MetaKeys.metaOf(params).ifPresent(meta::setAll);
    sent.set("_meta", meta);
    envelope(call.origin()).writeTo(sent);
    return StatelessResults.neutral(session.call(method, sent, call));
  }

  private Envelope envelope(Optional<Exchange> origin) {
    return new Envelope(
        info.protocolVersion(),
        origin.map(Exchange::clientCapabilities).orElse(options.clientCapabilities()),
        Optional.of(options.clientInfo()),
        origin.flatMap(Exchange::logLevel).or(() -> Optional.ofNullable(logLevel)));
  }

  /** The filter and envelope of the connection's {@code subscriptions/listen} request. */
  private Optional<ObjectNode> listenParams() {
    ObjectNode capabilities = info.capabilities();
    ObjectNode filter = Json.object();
    for (String kind : new String[] {"tools", "prompts", "resources"}) {
      if (capabilities.path(kind).path("listChanged").asBoolean(false)) {
        filter.put(kind + "ListChanged", true);
      }
    }
    if (!subscribed.isEmpty()) {
      subscribed.forEach(filter.putArray("resourceSubscriptions")::add);
    }
    if (filter.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode params = Json.object();
    params.set("notifications", filter);
    envelope(Optional.empty()).writeTo(params);
    return Optional.of(params);
  }
}
