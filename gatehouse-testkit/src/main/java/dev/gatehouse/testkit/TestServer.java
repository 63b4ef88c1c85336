package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scriptable MCP server for tests, on the same {@link McpHandler} seam the gateway's transports
 * drive. Build one with {@link #builder()}; serve it in-process, over Streamable HTTP ({@link
 * FakeUpstreamExtension}) or as a stdio child process ({@link TestServerMain}).
 *
 * <p>It speaks the session-era protocol: initialize with version negotiation, ping, paginated
 * lists, tools, prompts, resources (with templates and subscriptions), completions and logging.
 * Handlers reach the client through their {@link RequestContext}. Every message it receives is
 * recorded for assertions, and {@link FaultRule}s make it slow, silent, failing or disconnecting.
 */
public final class TestServer implements McpHandler, AutoCloseable {
  private static final String SUBSCRIPTIONS = "testkit.subscriptions";

  private final ObjectNode serverInfo;
  private final Optional<String> instructions;
  private final ObjectNode capabilities;
  private final int pageSize;
  private final Duration clientRequestTimeout;
  private final Listing<ToolEntry> tools = new Listing<>();
  private final Listing<PromptEntry> prompts = new Listing<>();
  private final Listing<ResourceEntry> resources = new Listing<>();
  private final Listing<TemplateEntry> templates = new Listing<>();
  private final Map<String, MethodHandler> methods;
  private final FaultPlan faults = new FaultPlan();
  private final List<Message> received = new CopyOnWriteArrayList<>();
  private final Set<DownstreamSession> sessions = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<String, RequestContext> inFlight = new ConcurrentHashMap<>();
  private volatile CompletableFuture<Void> closed = new CompletableFuture<>();
  private final List<FaultRule> initialFaults;

  TestServer(TestServerBuilder b) {
    this.serverInfo = b.serverInfo;
    this.instructions = b.instructions;
    this.pageSize = b.pageSize;
    this.clientRequestTimeout = b.clientRequestTimeout;
    b.tools.snapshot().forEach(t -> tools.put(name(t.descriptor, "name"), t));
    b.prompts.snapshot().forEach(p -> prompts.put(name(p.descriptor, "name"), p));
    b.resources.snapshot().forEach(r -> resources.put(name(r.descriptor, "uri"), r));
    b.templates.snapshot().forEach(t -> templates.put(t.template.toString(), t));
    this.initialFaults = List.copyOf(b.faults);
    initialFaults.forEach(faults::add);
    this.capabilities = b.capabilities.orElseGet(() -> defaultCapabilities(b));
    this.methods = new StandardMethods(this, b.completion).table();
    methods.putAll(b.methods);
  }

  public static TestServerBuilder builder() {
    return new TestServerBuilder();
  }

  // ---- McpHandler -------------------------------------------------------------------------

  @Override
  public Response handle(Request request, Exchange exchange) {
    received.add(request);
    RequestContext context = new RequestContext(request, exchange, clientRequestTimeout, closed);
    String key = key(exchange, request.id());
    inFlight.put(key, context);
    try {
      Optional<Fault> fault = faults.take(request);
      if (fault.isPresent()) {
        Optional<Response> early = apply(fault.get(), request, context);
        if (early.isPresent()) {
          return early.get();
        }
      }
      MethodHandler handler = methods.get(request.method());
      if (handler == null) {
        throw new GatewayException(
            ErrorCode.METHOD_NOT_FOUND, "Method not found: " + request.method());
      }
      if (McpMethods.INITIALIZE.equals(request.method())) {
        exchange.session().ifPresent(sessions::add);
      }
      return Response.result(request.id(), handler.handle(context.params(), context));
    } catch (GatewayException e) {
      return Response.error(request.id(), e);
    } catch (ConnectionDropped e) {
      throw e;
    } catch (RuntimeException e) {
      return Response.error(
          request.id(), JsonRpcCodes.INTERNAL_ERROR, "Internal error: " + e.getMessage());
    } finally {
      inFlight.remove(key, context);
    }
  }

  @Override
  public void onNotification(Notification notification, Exchange exchange) {
    received.add(notification);
    if (McpMethods.CANCELLED.equals(notification.method())) {
      JsonNode requestId = notification.params().get("requestId");
      if (requestId != null) {
        RequestContext context = inFlight.get(key(exchange, requestId));
        if (context != null) {
          context.cancel();
        }
      }
    }
  }

  @Override
  public void onSessionClosed(DownstreamSession session) {
    sessions.remove(session);
  }

  /** Releases every request held by a {@link Fault#neverAnswer()} or sleeping in a handler. */
  @Override
  public void close() {
    closed.complete(null);
  }

  // ---- what the server received -----------------------------------------------------------

  /** Every request and notification received so far, in arrival order. */
  public List<Message> received() {
    return List.copyOf(received);
  }

  /** The requests received for one method, in arrival order. */
  public List<Request> requests(String method) {
    return received.stream()
        .filter(m -> m instanceof Request r && r.method().equals(method))
        .map(Request.class::cast)
        .toList();
  }

  /** The notifications received for one method, in arrival order. */
  public List<Notification> notifications(String method) {
    return received.stream()
        .filter(m -> m instanceof Notification n && n.method().equals(method))
        .map(Notification.class::cast)
        .toList();
  }

  public void clearReceived() {
    received.clear();
  }

  /** The sessions that initialized and have not closed. */
  public Set<DownstreamSession> sessions() {
    return Set.copyOf(sessions);
  }

  /** The {@code capabilities} this server announces in its initialize result. */
  public ObjectNode capabilities() {
    return capabilities.deepCopy();
  }

  // ---- scripting ----------------------------------------------------------------------------

  /** Adds a fault; the first matching rule wins. */
  public TestServer inject(FaultRule rule) {
    faults.add(rule);
    return this;
  }

  public void clearFaults() {
    faults.clear();
  }

  /**
   * Forgets what was received, puts the faults back to those given to the builder and reopens a
   * closed server, so one server can serve several tests in turn.
   */
  public void reset() {
    if (closed.isDone()) {
      closed = new CompletableFuture<>();
    }
    received.clear();
    faults.clear();
    initialFaults.forEach(faults::add);
  }

  /**
   * For transports: takes a {@link Fault#dropConnection()} planned for this request, so the
   * transport can drop the real connection before the handler sees the request.
   */
  public boolean takeDropFault(Request request) {
    boolean drop = faults.takeDrop(request);
    if (drop) {
      received.add(request);
    }
    return drop;
  }

  /** Adds or replaces a tool and tells every session that the tool list changed. */
  public void addTool(ObjectNode descriptor, ToolHandler handler) {
    tools.put(name(descriptor, "name"), new ToolEntry(descriptor, handler));
    notifyAllSessions(Notification.of(McpMethods.TOOLS_LIST_CHANGED, null));
  }

  /** Removes a tool and tells every session that the tool list changed. */
  public void removeTool(String name) {
    if (tools.remove(name)) {
      notifyAllSessions(Notification.of(McpMethods.TOOLS_LIST_CHANGED, null));
    }
  }

  /** Adds or replaces a prompt and tells every session that the prompt list changed. */
  public void addPrompt(ObjectNode descriptor, PromptHandler handler) {
    prompts.put(name(descriptor, "name"), new PromptEntry(descriptor, handler));
    notifyAllSessions(Notification.of(McpMethods.PROMPTS_LIST_CHANGED, null));
  }

  /** Adds or replaces a resource and tells every session that the resource list changed. */
  public void addResource(ObjectNode descriptor, ResourceReader reader) {
    resources.put(name(descriptor, "uri"), new ResourceEntry(descriptor, reader));
    notifyAllSessions(Notification.of(McpMethods.RESOURCES_LIST_CHANGED, null));
  }

  /** Sends {@code notifications/resources/updated} to every session subscribed to {@code uri}. */
  public int resourceUpdated(String uri) {
    ObjectNode params = Json.object();
    params.put("uri", uri);
    int sent = 0;
    for (DownstreamSession session : sessions) {
      if (session.isOpen() && subscriptions(session).contains(uri)) {
        session.notify(Notification.of(McpMethods.RESOURCES_UPDATED, params.deepCopy()));
        sent++;
      }
    }
    return sent;
  }

  /** Sends a notification to every open session (on its GET stream over HTTP). */
  public void notifyAllSessions(Notification notification) {
    for (DownstreamSession session : sessions) {
      if (session.isOpen()) {
        session.notify(new Notification(notification.method(), notification.json().deepCopy()));
      }
    }
  }

  // ---- package-private access for StandardMethods -------------------------------------------

  ObjectNode initializeResult(String requestedVersion) {
    ObjectNode result = Json.object();
    result.put("protocolVersion", ProtocolVersion.negotiate(requestedVersion));
    result.set("capabilities", capabilities.deepCopy());
    result.set("serverInfo", serverInfo.deepCopy());
    instructions.ifPresent(text -> result.put("instructions", text));
    return result;
  }

  int pageSize() {
    return pageSize;
  }

  Listing<ToolEntry> tools() {
    return tools;
  }

  Listing<PromptEntry> prompts() {
    return prompts;
  }

  Listing<ResourceEntry> resources() {
    return resources;
  }

  Listing<TemplateEntry> templates() {
    return templates;
  }

  static Set<String> subscriptions(DownstreamSession session) {
    @SuppressWarnings("unchecked")
    Set<String> set =
        (Set<String>)
            session.attributes().computeIfAbsent(SUBSCRIPTIONS, k -> ConcurrentHashMap.newKeySet());
    return set;
  }

  // ---- internals ----------------------------------------------------------------------------

  private Optional<Response> apply(Fault fault, Request request, RequestContext context) {
    return switch (fault) {
      case Fault.Delay delay -> {
        if (!context.sleep(delay.duration())) {
          yield Optional.of(cancelled(request));
        }
        yield Optional.empty();
      }
      case Fault.NeverAnswer never -> {
        context.awaitEnd();
        yield Optional.of(cancelled(request));
      }
      case Fault.Error error -> {
        ObjectNode body = Json.object();
        body.put("code", error.code());
        body.put("message", error.message());
        error.data().ifPresent(data -> body.set("data", data));
        yield Optional.of(Response.error(request.id(), body));
      }
      case Fault.DropConnection drop -> throw new ConnectionDropped(request.method());
    };
  }

  private static Response cancelled(Request request) {
    return Response.error(
        request.id(), JsonRpcCodes.REQUEST_CANCELLED, "Request cancelled before it was answered");
  }

  private static String key(Exchange exchange, JsonNode id) {
    return exchange.session().map(DownstreamSession::id).orElse("-") + "|" + id;
  }

  static String name(ObjectNode descriptor, String field) {
    return Json.string(descriptor, field)
        .orElseThrow(() -> new IllegalArgumentException("descriptor needs a \"" + field + "\""));
  }

  private static ObjectNode defaultCapabilities(TestServerBuilder b) {
    ObjectNode caps = Json.object();
    caps.putObject("tools").put("listChanged", true);
    if (!b.prompts.isEmpty()) {
      caps.putObject("prompts").put("listChanged", true);
    }
    if (!b.resources.isEmpty() || !b.templates.isEmpty()) {
      caps.putObject("resources").put("subscribe", true).put("listChanged", true);
    }
    caps.putObject("logging");
    if (b.completion.isPresent()) {
      caps.putObject("completions");
    }
    return caps;
  }

  record ToolEntry(ObjectNode descriptor, ToolHandler handler) {}

  record PromptEntry(ObjectNode descriptor, PromptHandler handler) {}

  record ResourceEntry(ObjectNode descriptor, ResourceReader reader) {}

  record TemplateEntry(ObjectNode descriptor, UriTemplate template, TemplateReader reader) {}
}
