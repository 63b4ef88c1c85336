package dev.gatehouse.routing;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.PromptEntry;
import dev.gatehouse.catalog.ResourceEntry;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.ToolDiscovery;
import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.listing.Listings;
import dev.gatehouse.pipeline.CallPipeline;
import dev.gatehouse.pipeline.CallTarget;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.registry.CatalogListener;
import dev.gatehouse.registry.UpstreamRegistry;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway as one MCP server: answers the handshake and the merged lists from the catalog, and
 * forwards calls, reads and completions to the upstream that owns the name, rewriting only names.
 */
public final class GatewayHandler implements McpHandler, CatalogListener {
  private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

  private final UpstreamRegistry registry;
  private final EndpointSettings settings;
  private final ClientSessions sessions = new ClientSessions();
  private final Forwarder forwarder;
  private final Function<Exchange, View> views;
  private final ToolDiscovery discovery;
  private final CallPipeline pipeline;
  private final Listings listings = new Listings();

  /** An endpoint where every caller sees the whole catalog. */
  public GatewayHandler(UpstreamRegistry registry, EndpointSettings settings) {
    this(registry, settings, exchange -> View.all());
  }

  /**
   * @param views what the caller of an exchange may see; everything else is absent for it
   */
  public GatewayHandler(
      UpstreamRegistry registry, EndpointSettings settings, Function<Exchange, View> views) {
    this(registry, settings, views, DiscoverySettings.flat());
  }

  /**
   * @param discovery this endpoint's mode: upstream tools, meta-tools, or both
   */
  public GatewayHandler(
      UpstreamRegistry registry,
      EndpointSettings settings,
      Function<Exchange, View> views,
      DiscoverySettings discovery) {
    this(registry, settings, views, discovery, CallPipeline.none());
  }

  /**
   * @param pipeline the hooks every {@code tools/list} and {@code tools/call} passes
   */
  public GatewayHandler(
      UpstreamRegistry registry,
      EndpointSettings settings,
      Function<Exchange, View> views,
      DiscoverySettings discovery,
      CallPipeline pipeline) {
    this.registry = registry;
    this.settings = settings;
    this.views = views;
    this.pipeline = pipeline;
    this.forwarder = new Forwarder(registry);
    this.discovery = new ToolDiscovery(discovery, registry, this::callTool);
    registry.addListener(this);
  }

  @Override
  public Response handle(Request request, Exchange exchange) {
    try {
      return switch (request.method()) {
        case McpMethods.INITIALIZE -> initialize(request, exchange);
        case McpMethods.PING -> Response.result(request.id(), Json.object());
        case McpMethods.TOOLS_LIST ->
            list(
                request,
                "tools",
                (c, v) ->
                    discovery.listing(() ->
                        pipeline.listTools(c.tools().stream().filter(v::tool).toList(), exchange)),
                exchange);
        case McpMethods.PROMPTS_LIST ->
            list(
                request,
                "prompts",
                (c, v) ->
                    c.prompts().stream().filter(v::prompt).map(PromptEntry::definition).toList(),
                exchange);
        case McpMethods.RESOURCES_LIST ->
            list(
                request,
                "resources",
                (c, v) ->
                    c.resources().stream()
                        .filter(v::resource)
                        .map(ResourceEntry::definition)
                        .toList(),
                exchange);
        case McpMethods.RESOURCES_TEMPLATES_LIST ->
            list(
                request,
                "resourceTemplates",
                (c, v) ->
                    c.resourceTemplates().stream()
                        .filter(v::resource)
                        .map(ResourceEntry::definition)
                        .toList(),
                exchange);
        case McpMethods.TOOLS_CALL ->
            discovery.handles(request)
                ? discovery.call(request, exchange, governedView(exchange))
                : callTool(request, exchange);
        case McpMethods.PROMPTS_GET -> getPrompt(request, exchange);
        case McpMethods.RESOURCES_READ -> readResource(request, exchange);
        case McpMethods.RESOURCES_SUBSCRIBE -> subscribe(request, exchange, true);
        case McpMethods.RESOURCES_UNSUBSCRIBE -> subscribe(request, exchange, false);
        case McpMethods.COMPLETION_COMPLETE -> complete(request, exchange);
        case McpMethods.LOGGING_SET_LEVEL -> setLevel(request, exchange);
        default ->
            throw new GatewayException(
                ErrorCode.METHOD_NOT_FOUND, "Method not found: " + request.method());
      };
    } catch (GatewayException e) {
      return Response.error(request.id(), e);
    } catch (RuntimeException e) {
      log.error("Failed to handle {}", request.method(), e);
      return Response.error(
          request.id(), new GatewayException(ErrorCode.INTERNAL_ERROR, "Internal error"));
    }
  }

  @Override
  public void onNotification(Notification notification, Exchange exchange) {
    switch (notification.method()) {
      case McpMethods.CANCELLED -> {
        pipeline.cancel(exchange, notification.params().get("requestId"));
        forwarder.cancel(exchange, notification.params().get("requestId"));
      }
      case McpMethods.ROOTS_LIST_CHANGED -> {
        for (UpstreamConnection upstream : registry.connections()) {
          upstream.notify(McpMethods.ROOTS_LIST_CHANGED, Json.object());
        }
      }
      default -> {
        // initialized and anything unknown need no action
      }
    }
  }

  @Override
  public void onSessionClosed(DownstreamSession session) {
    sessions.remove(session);
  }

  @Override
  public void onCatalogChanged(
      Catalog catalog, boolean toolsChanged, boolean promptsChanged, boolean resourcesChanged) {
    if (toolsChanged && discovery.listingFollowsCatalog()) {
      sessions.broadcast(McpMethods.TOOLS_LIST_CHANGED);
    }
    if (promptsChanged) {
      sessions.broadcast(McpMethods.PROMPTS_LIST_CHANGED);
    }
    if (resourcesChanged) {
      sessions.broadcast(McpMethods.RESOURCES_LIST_CHANGED);
    }
  }

  @Override
  public void onUpstreamNotification(UpstreamConnection upstream, Notification notification) {
    switch (notification.method()) {
      case McpMethods.RESOURCES_UPDATED -> {
        String uri = notification.params().path("uri").asString("");
        sessions.resourceUpdated(
            registry.catalog().exposedUri(upstream.name(), uri), notification.params());
      }
      case McpMethods.MESSAGE -> sessions.log(notification.params());
      default -> log.debug("Ignoring {} from {}", notification.method(), upstream.name());
    }
  }

  private Response initialize(Request request, Exchange exchange) {
    String requested = request.params().path("protocolVersion").asString("");
    ObjectNode result = Json.object();
    result.put("protocolVersion", ProtocolVersion.negotiate(requested));
    ObjectNode capabilities = result.putObject("capabilities");
    capabilities.putObject("tools").put("listChanged", true);
    capabilities.putObject("prompts").put("listChanged", true);
    capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
    capabilities.putObject("completions");
    capabilities.putObject("logging");
    ObjectNode serverInfo = result.putObject("serverInfo");
    serverInfo.put("name", settings.serverName());
    serverInfo.put("version", settings.serverVersion());
    result.put(
        "instructions",
        settings.instructions().orElseGet(() -> discovery.instructions(governedView(exchange))));
    exchange.session().ifPresent(sessions::add);
    return Response.result(request.id(), result);
  }

  private Response list(
      Request request,
      String field,
      BiFunction<Catalog, View, List<ObjectNode>> items,
      Exchange exchange) {
    Catalog catalog = registry.catalog();
    View view = views.apply(exchange);
    // Kept per catalog and view unless list hooks answer each caller differently.
    ObjectNode result =
        pipeline.listsPerCaller()
            ? ListPage.of(
                field,
                items.apply(catalog, view),
                ListPage.cursor(request.params()),
                settings.pageSize())
            : ListPage.of(
                field,
                listings.of(field, catalog, view, () -> items.apply(catalog, view)),
                ListPage.cursor(request.params()),
                settings.pageSize());
    return Response.result(request.id(), result);
  }

  /** The caller's view narrowed by the list hooks, for what the meta-tools show. */
  private View governedView(Exchange exchange) {
    return pipeline.narrow(views.apply(exchange), registry.catalog(), exchange);
  }

  private Response callTool(Request request, Exchange exchange) {
    String name = requireString(request.params(), "name");
    var metaTool = pipeline.metaTool(name);
    if (metaTool.isPresent()) {
      return pipeline.callMetaTool(request, exchange, metaTool.get());
    }
    View view = views.apply(exchange);
    // A hidden tool is answered exactly like an unknown one, so nothing leaks.
    UpstreamRegistry.NameRoute route =
        registry
            .catalog()
            .tool(name)
            .map(t -> new UpstreamRegistry.NameRoute(t.server(), t.originalName()))
            .or(() -> registry.routeUnlisted(name).filter(r -> !view.hidesAnything(r.server())))
            .filter(r -> view.server(r.server()) && view.tool(r.server(), name, r.name()))
            .orElseThrow(
                () -> new GatewayException(ErrorCode.TOOL_NOT_FOUND, "Unknown tool: " + name));
    CallTarget target =
        new CallTarget(route.server(), name, route.name(), registry.catalog().tool(name));
    return pipeline.callTool(
        request, exchange, target, r -> forwarder.forward(route.server(), r, exchange));
  }

  private Response getPrompt(Request request, Exchange exchange) {
    UpstreamRegistry.NameRoute route =
        routePrompt(requireString(request.params(), "name"), views.apply(exchange));
    request.params().put("name", route.name());
    return forwarder.forward(route.server(), request, exchange);
  }

  /**
   * A listed prompt goes to its upstream; an unlisted name to the upstream whose namespace it is
   * in, which answers for itself.
   */
  private UpstreamRegistry.NameRoute routePrompt(String name, View view) {
    return registry
        .catalog()
        .prompt(name)
        .map(p -> new UpstreamRegistry.NameRoute(p.server(), p.originalName()))
        .or(() -> registry.routeUnlisted(name).filter(r -> !view.hidesAnything(r.server())))
        .filter(r -> view.server(r.server()) && view.prompt(r.server(), name, r.name()))
        .orElseThrow(
            () -> new GatewayException(ErrorCode.PROMPT_NOT_FOUND, "Unknown prompt: " + name));
  }

  private Response readResource(Request request, Exchange exchange) {
    String uri = requireString(request.params(), "uri");
    Catalog.ResourceRoute route = route(uri, exchange);
    request.params().put("uri", route.uri());
    Response response = forwarder.forward(route.server(), request, exchange);
    if (!uri.equals(route.uri())) {
      // Contents name the URI the client asked for, not the upstream's own form of it.
      for (JsonNode content : response.result().orElse(Json.object()).path("contents")) {
        if (content instanceof ObjectNode object
            && route.uri().equals(object.path("uri").asString(null))) {
          object.put("uri", uri);
        }
      }
    }
    return response;
  }

  private Response subscribe(Request request, Exchange exchange, boolean subscribe) {
    String uri = requireString(request.params(), "uri");
    Catalog.ResourceRoute route = route(uri, exchange);
    DownstreamSession session =
        exchange
            .session()
            .orElseThrow(() ->
                new GatewayException(ErrorCode.INVALID_REQUEST, "Subscriptions need a session"));
    boolean forward =
        subscribe ? sessions.subscribe(session, uri) : sessions.unsubscribe(session, uri);
    if (!forward) {
      return Response.result(request.id(), Json.object());
    }
    request.params().put("uri", route.uri());
    return forwarder.forward(route.server(), request, exchange);
  }

  private Response complete(Request request, Exchange exchange) {
    ObjectNode ref =
        request.params().get("ref") instanceof ObjectNode object
            ? object
            : request.params().putObject("ref");
    switch (ref.path("type").asString("")) {
      case "ref/prompt" -> {
        UpstreamRegistry.NameRoute route =
            routePrompt(requireString(ref, "name"), views.apply(exchange));
        ref.put("name", route.name());
        return forwarder.forward(route.server(), request, exchange);
      }
      case "ref/resource" -> {
        Catalog.ResourceRoute route = route(requireString(ref, "uri"), exchange);
        ref.put("uri", route.uri());
        return forwarder.forward(route.server(), request, exchange);
      }
      default ->
          throw new GatewayException(
              ErrorCode.INVALID_PARAMS, "ref.type must be ref/prompt or ref/resource");
    }
  }

  private Response setLevel(Request request, Exchange exchange) {
    String level = requireString(request.params(), "level");
    exchange.session().ifPresent(s -> sessions.setLevel(s, level));
    forwarder.broadcast(request);
    return Response.result(request.id(), Json.object());
  }

  /**
   * A listed URI, the {@code {server}+} form or a template's match goes to its upstream; any other
   * URI to the only upstream serving resources, if there is just one (it may serve URIs it does not
   * list).
   */
  private Catalog.ResourceRoute route(String uri, Exchange exchange) {
    View view = views.apply(exchange);
    return registry
        .catalog()
        .routeResource(uri)
        .or(() -> registry.soleResourceServer().map(s -> new Catalog.ResourceRoute(s, uri)))
        .filter(r -> view.server(r.server()))
        .orElseThrow(() ->
            new GatewayException(
                ErrorCode.RESOURCE_NOT_FOUND,
                "Resource not found: " + uri,
                Json.object().put("uri", uri),
                null));
  }

  private static String requireString(ObjectNode params, String field) {
    JsonNode value = params.get(field);
    if (value == null || !value.isString()) {
      throw new GatewayException(
          ErrorCode.INVALID_PARAMS, "Invalid params: \"" + field + "\" must be a string");
    }
    return value.stringValue();
  }
}
