package dev.gatehouse.discovery;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.registry.UpstreamRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tool surface of one endpoint: in {@link EndpointMode#FLAT} the upstream tools as they are; in
 * {@link EndpointMode#DISCOVERY} and {@link EndpointMode#HYBRID} also the meta-tools that find,
 * describe and run them, and instructions naming the domains. Everything is answered from what the
 * caller's {@link View} shows, so a hidden tool is absent from every meta-tool and answers {@code
 * tool_not_found} like an unknown one.
 *
 * <p>The endpoint's handler asks {@link #handles} for each {@code tools/call} and passes its own
 * call path in as {@link DirectToolCall}, which {@code execute_tool} runs through.
 */
public final class ToolDiscovery {
  private static final Logger log = LoggerFactory.getLogger(ToolDiscovery.class);

  private final DiscoverySettings settings;
  private final UpstreamRegistry registry;
  private final DirectToolCall direct;
  private final Map<String, MetaTool> tools = new LinkedHashMap<>();
  private final List<ObjectNode> definitions;
  private final Object indexLock = new Object();
  private volatile SearchIndex index;

  public ToolDiscovery(
      DiscoverySettings settings, UpstreamRegistry registry, DirectToolCall direct) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.direct = Objects.requireNonNull(direct, "direct");
    for (MetaTool tool :
        List.of(
            new DiscoverTools(),
            new GetToolSchema(),
            new ExecuteTool(),
            new SearchTools(),
            new DescribeTool(),
            new ListServers(),
            new GetServerTools(),
            new RefreshRegistry())) {
      tools.put(tool.name(), tool);
    }
    definitions = tools.values().stream().map(MetaTool::definition).toList();
  }

  public EndpointMode mode() {
    return settings.mode();
  }

  /**
   * The items of {@code tools/list}: the meta-tools, the upstream tools, or both. An upstream tool
   * whose name a meta-tool takes is left out of the list (it stays callable through execute_tool).
   *
   * @param upstreamTools the visible upstream tools, asked for only when the mode lists them
   */
  public List<ObjectNode> listing(Supplier<List<ObjectNode>> upstreamTools) {
    return switch (settings.mode()) {
      case FLAT -> upstreamTools.get();
      case DISCOVERY -> definitions;
      case HYBRID -> {
        List<ObjectNode> both = new ArrayList<>(definitions);
        for (ObjectNode tool : upstreamTools.get()) {
          if (!tools.containsKey(tool.path("name").asString(""))) {
            both.add(tool);
          }
        }
        yield both;
      }
    };
  }

  /** Whether an upstream catalog change changes what {@code tools/list} shows. */
  public boolean listingFollowsCatalog() {
    return settings.mode().listsUpstreamTools();
  }

  /** Whether a request is a {@code tools/call} of one of this endpoint's meta-tools. */
  public boolean handles(Request request) {
    if (!settings.mode().hasMetaTools() || !McpMethods.TOOLS_CALL.equals(request.method())) {
      return false;
    }
    JsonNode name = request.params().get("name");
    return name != null && name.isString() && tools.containsKey(name.stringValue());
  }

  /**
   * Answers a meta-tool call. Failures the caller can act on (unknown names, bad arguments,
   * unavailable servers, timeouts) are results with {@code isError: true} and {@code
   * structuredContent: {code, message, suggestions}}.
   */
  public Response call(Request request, Exchange exchange, View view) {
    String name = request.params().path("name").asString("");
    MetaTool tool = tools.get(name);
    if (tool == null) {
      throw new IllegalArgumentException("not a meta-tool: " + name);
    }
    ObjectNode result;
    try {
      JsonNode arguments = request.params().get("arguments");
      if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
        throw Arguments.invalid("\"arguments\" must be an object");
      }
      ObjectNode values = arguments instanceof ObjectNode object ? object : Json.object();
      MetaCall call =
          new MetaCall(new Arguments(values), visible(view), request, exchange, registry, direct);
      result = tool.call(call);
    } catch (GatewayException e) {
      log.debug("{} answered {}: {}", name, e.code().id(), e.getMessage());
      result = ToolResults.error(e);
    }
    return Response.result(request.id(), result);
  }

  /** The instructions for a caller: its domains with tool counts and, with meta-tools, the way. */
  public String instructions(View view) {
    return Instructions.of(settings.mode(), visible(view));
  }

  private VisibleCatalog visible(View view) {
    return new VisibleCatalog(registry.catalog(), view, registry, this::index, settings);
  }

  /** The index of a catalog snapshot, built on first use after each catalog change. */
  private SearchIndex index(Catalog catalog) {
    SearchIndex current = index;
    if (current != null && current.catalog() == catalog) {
      return current;
    }
    synchronized (indexLock) {
      current = index;
      if (current == null || current.catalog() != catalog) {
        current = SearchIndex.of(catalog);
        index = current;
      }
      return current;
    }
  }
}
