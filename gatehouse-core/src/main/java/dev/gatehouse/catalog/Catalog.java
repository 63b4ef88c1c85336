package dev.gatehouse.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The merged, namespaced view of every upstream's tools, prompts and resources: an immutable
 * snapshot, replaced as a whole when an upstream's listing changes, so readers never lock.
 */
public final class Catalog {
  private static final Catalog EMPTY =
      new Catalog(List.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of());

  private final List<String> servers;
  private final Map<String, ToolEntry> tools;
  private final Map<String, PromptEntry> prompts;
  private final Map<String, ResourceEntry> resources;
  private final List<Template> templates;
  private final List<String> conflicts;

  private record Template(ResourceEntry entry, UriTemplate exposed) {}

  private Catalog(
      List<String> servers,
      Map<String, ToolEntry> tools,
      Map<String, PromptEntry> prompts,
      Map<String, ResourceEntry> resources,
      List<Template> templates,
      List<String> conflicts) {
    this.servers = servers;
    this.tools = tools;
    this.prompts = prompts;
    this.resources = resources;
    this.templates = templates;
    this.conflicts = conflicts;
  }

  public static Catalog empty() {
    return EMPTY;
  }

  /** One upstream's listing with the namespace its names go into. */
  public record Part(ServerCatalog listing, Namespace namespace) {}

  /**
   * Merges listings in the given order. When two upstreams expose the same tool or prompt name the
   * first keeps it and the later one's is left out and reported in {@link #conflicts()}; a shared
   * resource URI is kept by the first and qualified as {@code {server}+{uri}} for the later ones.
   */
  public static Catalog of(List<Part> parts) {
    List<String> servers = new ArrayList<>();
    Map<String, ToolEntry> tools = new LinkedHashMap<>();
    Map<String, PromptEntry> prompts = new LinkedHashMap<>();
    Map<String, ResourceEntry> resources = new LinkedHashMap<>();
    List<Template> templates = new ArrayList<>();
    Map<String, String> templateOwners = new LinkedHashMap<>();
    List<String> conflicts = new ArrayList<>();
    for (Part part : parts) {
      ServerCatalog listing = part.listing();
      String server = listing.server();
      servers.add(server);
      for (ObjectNode tool : listing.tools()) {
        String original = tool.path("name").asString("");
        String exposed = part.namespace().expose(original);
        ToolEntry previous = tools.get(exposed);
        if (previous != null) {
          conflicts.add(clash("tool", exposed, previous.server(), server));
          continue;
        }
        tools.put(
            exposed, new ToolEntry(server, exposed, original, renamed(tool, "name", exposed)));
      }
      for (ObjectNode prompt : listing.prompts()) {
        String original = prompt.path("name").asString("");
        String exposed = part.namespace().expose(original);
        PromptEntry previous = prompts.get(exposed);
        if (previous != null) {
          conflicts.add(clash("prompt", exposed, previous.server(), server));
          continue;
        }
        prompts.put(
            exposed, new PromptEntry(server, exposed, original, renamed(prompt, "name", exposed)));
      }
      for (ObjectNode resource : listing.resources()) {
        String original = resource.path("uri").asString("");
        String exposed =
            resources.containsKey(original) ? Namespace.qualifiedUri(server, original) : original;
        resources.put(
            exposed,
            new ResourceEntry(server, exposed, original, renamed(resource, "uri", exposed)));
      }
      for (ObjectNode template : listing.resourceTemplates()) {
        String original = template.path("uriTemplate").asString("");
        String exposed =
            templateOwners.containsKey(original)
                ? Namespace.qualifiedUri(server, original)
                : original;
        templateOwners.putIfAbsent(original, server);
        ResourceEntry entry =
            new ResourceEntry(server, exposed, original, renamed(template, "uriTemplate", exposed));
        templates.add(new Template(entry, UriTemplate.of(exposed)));
      }
    }
    return new Catalog(
        List.copyOf(servers),
        Collections.unmodifiableMap(tools),
        Collections.unmodifiableMap(prompts),
        Collections.unmodifiableMap(resources),
        List.copyOf(templates),
        List.copyOf(conflicts));
  }

  private static String clash(String kind, String name, String kept, String dropped) {
    return kind
        + " \""
        + name
        + "\" of server \""
        + dropped
        + "\" collides with server \""
        + kept
        + "\" and is not exposed; give one of them a prefix";
  }

  private static ObjectNode renamed(ObjectNode item, String field, String value) {
    JsonNode current = item.get(field);
    if (current != null && current.isString() && current.stringValue().equals(value)) {
      return item;
    }
    ObjectNode copy = item.deepCopy();
    copy.put(field, value);
    return copy;
  }

  /** The upstreams whose listings make up this catalog, in order. */
  public List<String> servers() {
    return servers;
  }

  public List<ToolEntry> tools() {
    return List.copyOf(tools.values());
  }

  public Optional<ToolEntry> tool(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  public List<PromptEntry> prompts() {
    return List.copyOf(prompts.values());
  }

  public Optional<PromptEntry> prompt(String name) {
    return Optional.ofNullable(prompts.get(name));
  }

  public List<ResourceEntry> resources() {
    return List.copyOf(resources.values());
  }

  public List<ResourceEntry> resourceTemplates() {
    return templates.stream().map(Template::entry).toList();
  }

  /** Names left out because they collided, one sentence each. */
  public List<String> conflicts() {
    return conflicts;
  }

  /** Where a resource URI a client asks for lives. */
  public record ResourceRoute(String server, String uri) {}

  /**
   * Routes a resource URI: an exact listed URI, then the explicit {@code {server}+{uri}} form, then
   * the first template that matches.
   */
  public Optional<ResourceRoute> routeResource(String uri) {
    ResourceEntry listed = resources.get(uri);
    if (listed != null) {
      return Optional.of(new ResourceRoute(listed.server(), listed.originalUri()));
    }
    int plus = uri.indexOf('+');
    if (plus > 0) {
      String server = uri.substring(0, plus);
      if (servers.contains(server)) {
        return Optional.of(new ResourceRoute(server, uri.substring(plus + 1)));
      }
    }
    for (Template template : templates) {
      if (template.exposed().matches(uri)) {
        String upstreamUri =
            template.entry().uri().equals(template.entry().originalUri())
                ? uri
                : uri.substring(template.entry().server().length() + 1);
        return Optional.of(new ResourceRoute(template.entry().server(), upstreamUri));
      }
    }
    return Optional.empty();
  }

  /** The URI clients know for an upstream's own URI (for resources/updated notifications). */
  public String exposedUri(String server, String upstreamUri) {
    ResourceEntry listed = resources.get(upstreamUri);
    if (listed == null || listed.server().equals(server)) {
      return upstreamUri;
    }
    return Namespace.qualifiedUri(server, upstreamUri);
  }
}
