package dev.gatehouse.modern;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One open {@code subscriptions/listen} request, seen by the core as a session: the core sends it
 * what it sends every session (list changes, updates of subscribed resources, log lines), and it
 * passes on to its stream only the kinds the client opted in to, tagged with the subscription id.
 * Log lines never travel on a listen stream.
 */
final class ListenStream implements DownstreamSession {

  /** The kinds of change a client may opt in to, as {@code params.notifications} names them. */
  record Filter(boolean tools, boolean prompts, boolean resources, Set<String> resourceUris) {

    static Filter of(JsonNode notifications) {
      Set<String> uris = ConcurrentHashMap.newKeySet();
      for (JsonNode uri : notifications.path("resourceSubscriptions")) {
        if (uri.isString()) {
          uris.add(uri.stringValue());
        }
      }
      return new Filter(
          notifications.path("toolsListChanged").asBoolean(false),
          notifications.path("promptsListChanged").asBoolean(false),
          notifications.path("resourcesListChanged").asBoolean(false),
          uris);
    }

    /** The filter as the acknowledgment states it. */
    ObjectNode toJson(Set<String> honoredUris) {
      ObjectNode json = Json.object();
      if (tools) {
        json.put("toolsListChanged", true);
      }
      if (prompts) {
        json.put("promptsListChanged", true);
      }
      if (resources) {
        json.put("resourcesListChanged", true);
      }
      if (!resourceUris.isEmpty()) {
        honoredUris.forEach(json.putArray("resourceSubscriptions")::add);
      }
      return json;
    }
  }

  /** Where tagged notifications go: the listen request's own response stream. */
  @FunctionalInterface
  interface Sink {
    void send(Notification notification);
  }

  private final String id = "listen-" + UUID.randomUUID();
  private final JsonNode subscriptionId;
  private final Filter filter;
  private final Envelope envelope;
  private final Sink sink;
  private final Set<String> honoredUris = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
  private volatile boolean acknowledged;
  private volatile boolean open = true;

  ListenStream(JsonNode subscriptionId, Filter filter, Envelope envelope, Sink sink) {
    this.subscriptionId = subscriptionId;
    this.filter = filter;
    this.envelope = envelope;
    this.sink = sink;
  }

  Filter filter() {
    return filter;
  }

  /** Records that the core accepted a resource subscription for this stream. */
  void honor(String uri) {
    honoredUris.add(uri);
  }

  Set<String> honoredUris() {
    return Set.copyOf(honoredUris);
  }

  /** Sends the acknowledgment; nothing goes out on the stream before it. */
  void acknowledge() {
    ObjectNode params = Json.object();
    params.set("notifications", filter.toJson(honoredUris));
    tag(params);
    sink.send(Notification.of(McpMethods.SUBSCRIPTIONS_ACKNOWLEDGED, params));
    acknowledged = true;
  }

  /** The final response of the listen request when the gateway ends it. */
  ObjectNode closingResult() {
    ObjectNode result = Json.object();
    tag(result);
    return result;
  }

  void close() {
    open = false;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocolVersion() {
    return ProtocolVersion.LATEST_SESSION_ERA;
  }

  @Override
  public ObjectNode clientCapabilities() {
    return envelope.clientCapabilities();
  }

  @Override
  public ObjectNode clientInfo() {
    return envelope.clientInfo().orElseGet(Json::object);
  }

  @Override
  public ConcurrentMap<String, Object> attributes() {
    return attributes;
  }

  @Override
  public void notify(Notification notification) {
    if (!open || !acknowledged || !wanted(notification)) {
      return;
    }
    ObjectNode params = notification.params().deepCopy();
    tag(params);
    sink.send(Notification.of(notification.method(), params));
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    throw new GatewayException(
        ErrorCode.CAPABILITY_NOT_SUPPORTED, "A subscriptions/listen stream takes no requests");
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  private boolean wanted(Notification notification) {
    return switch (notification.method()) {
      case McpMethods.TOOLS_LIST_CHANGED -> filter.tools();
      case McpMethods.PROMPTS_LIST_CHANGED -> filter.prompts();
      case McpMethods.RESOURCES_LIST_CHANGED -> filter.resources();
      case McpMethods.RESOURCES_UPDATED ->
          honoredUris.contains(notification.params().path("uri").asString(""));
      default -> false;
    };
  }

  private void tag(ObjectNode holder) {
    MetaKeys.metaIn(holder).set(MetaKeys.SUBSCRIPTION_ID, subscriptionId.deepCopy());
  }
}
