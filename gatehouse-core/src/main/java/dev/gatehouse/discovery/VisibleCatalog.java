package dev.gatehouse.discovery;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.UpstreamRegistry;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamState;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog as one caller may see it: every meta-tool asks here, so a hidden tool or server is
 * absent from every answer and is reported exactly like one that does not exist.
 */
final class VisibleCatalog {
  private static final int DESCRIPTION_LENGTH = 160;

  private final Catalog catalog;
  private final View view;
  private final UpstreamRegistry registry;
  private final Function<Catalog, SearchIndex> indexes;
  private final DiscoverySettings settings;
  private List<ToolEntry> tools;

  /**
   * @param indexes the search index of a catalog snapshot, built once per snapshot
   */
  VisibleCatalog(
      Catalog catalog,
      View view,
      UpstreamRegistry registry,
      Function<Catalog, SearchIndex> indexes,
      DiscoverySettings settings) {
    this.catalog = catalog;
    this.view = view;
    this.registry = registry;
    this.indexes = indexes;
    this.settings = settings;
  }

  /** The same caller's view of the registry's current catalog. */
  VisibleCatalog reread() {
    return new VisibleCatalog(registry.catalog(), view, registry, indexes, settings);
  }

  /** Every tool the caller may see, in catalog order. */
  List<ToolEntry> tools() {
    if (tools == null) {
      tools = catalog.tools().stream().filter(view::tool).toList();
    }
    return tools;
  }

  List<ToolEntry> tools(String domain) {
    return tools().stream().filter(t -> t.server().equals(domain)).toList();
  }

  Optional<ToolEntry> tool(String name) {
    return catalog.tool(name).filter(view::tool);
  }

  /** The servers the caller may see, in config order, listed or not (down ones too). */
  List<UpstreamConnection> domains() {
    return registry.connections().stream().filter(c -> view.server(c.name())).toList();
  }

  Optional<UpstreamConnection> domain(String name) {
    return registry.connection(name).filter(c -> view.server(c.name()));
  }

  UpstreamConnection requireDomain(String name) {
    return domain(name)
        .orElseThrow(() -> {
          List<String> near =
              domains().stream()
                  .map(UpstreamConnection::name)
                  .sorted(
                      Comparator.comparingInt(
                          (String d) -> EditDistance.within(name.toLowerCase(Locale.ROOT), d, 9)))
                  .limit(5)
                  .toList();
          String known =
              near.isEmpty()
                  ? " No domains are available."
                  : " Domains: " + String.join(", ", near) + ".";
          return notFound(
              ErrorCode.DOMAIN_NOT_FOUND, "Unknown domain \"" + name + "\"." + known, near);
        });
  }

  /**
   * A tool the caller may call by its exposed name. A name in the namespace of a visible server
   * that is down answers {@code SERVER_UNAVAILABLE}; any other missing name {@code tool_not_found}
   * with suggestions.
   */
  ToolEntry requireTool(String name) {
    Optional<ToolEntry> tool = tool(name);
    if (tool.isPresent()) {
      return tool.get();
    }
    registry
        .routeUnlisted(name)
        .flatMap(route -> domain(route.server()))
        .ifPresent(VisibleCatalog::requireReady);
    throw toolNotFound(name, tools());
  }

  /** A tool of one domain, by its exposed name or the upstream's own name. */
  ToolEntry requireTool(String domain, String name) {
    UpstreamConnection connection = requireDomain(domain);
    List<ToolEntry> own = tools(domain);
    Optional<ToolEntry> tool =
        own.stream()
            .filter(t -> t.originalName().equals(name) || t.name().equals(name))
            .findFirst();
    if (tool.isPresent()) {
      return tool.get();
    }
    requireReady(connection);
    throw toolNotFound(name, own);
  }

  /** The tool a name most likely means, for lookups that tolerate typos. */
  Optional<ToolEntry> closest(String name) {
    return tool(name).or(() -> NameSuggestions.resolve(name, tools()));
  }

  List<SearchIndex.Hit> search(String query, int limit) {
    return indexes.apply(catalog).search(query, view::tool, limit);
  }

  /** A search within one domain. */
  List<SearchIndex.Hit> search(String query, String domain, int limit) {
    return indexes
        .apply(catalog)
        .search(query, t -> t.server().equals(domain) && view.tool(t), limit);
  }

  GatewayException toolNotFound(String name, List<ToolEntry> among) {
    List<String> near = NameSuggestions.near(name, among).stream().map(ToolEntry::name).toList();
    if (near.isEmpty()) {
      Set<String> names = among.stream().map(ToolEntry::name).collect(Collectors.toSet());
      near =
          indexes.apply(catalog).search(name, t -> names.contains(t.name()), 3).stream()
              .map(h -> h.tool().name())
              .toList();
    }
    String hint =
        near.isEmpty()
            ? " Use discover_tools or search_tools to find tools."
            : " Did you mean " + String.join(", ", near) + "?";
    return notFound(ErrorCode.TOOL_NOT_FOUND, "Unknown tool \"" + name + "\"." + hint, near);
  }

  /** The one-line description of a domain: configured, else what the server says of itself. */
  Optional<String> description(UpstreamConnection domain) {
    return settings
        .description(domain.name())
        .or(() ->
            domain
                .serverInfo()
                .flatMap(info ->
                    Json.string(info.serverInfo(), "description")
                        .or(() -> Json.string(info.serverInfo(), "title"))))
        .map(VisibleCatalog::oneLine);
  }

  static String oneLine(String text) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.length() <= DESCRIPTION_LENGTH
        ? line
        : line.substring(0, DESCRIPTION_LENGTH - 1).stripTrailing() + "…";
  }

  private static void requireReady(UpstreamConnection connection) {
    if (connection.state() != UpstreamState.READY) {
      throw new GatewayException(
          ErrorCode.SERVER_UNAVAILABLE,
          "Server \""
              + connection.name()
              + "\" is unavailable"
              + connection.lastError().map(e -> ": " + e).orElse("")
              + ". Try again later.");
    }
  }

  private static GatewayException notFound(ErrorCode code, String message, List<String> near) {
    ObjectNode data = Json.object();
    ArrayNode suggestions = data.putArray("suggestions");
    near.forEach(suggestions::add);
    return new GatewayException(code, message, data, null);
  }
}
