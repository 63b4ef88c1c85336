package dev.gatehouse.server.admin;

import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.policy.AllowDeny;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.registry.Directory.ServerEntry;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamState;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /admin/servers...}: the server records and what their upstreams say about themselves. */
final class ServerRoutes {
  private final Directory directory;
  private final UpstreamProbe probe;
  private final String separator;

  ServerRoutes(Directory directory, UpstreamProbe probe, String separator) {
    this.directory = directory;
    this.probe = probe;
    this.separator = separator;
  }

  void addTo(Router router) {
    router
        .add("GET", "/servers", this::list)
        .add("POST", "/servers", this::create)
        .add("GET", "/servers/{id}", this::get)
        .add("PATCH", "/servers/{id}", this::patch)
        .add("DELETE", "/servers/{id}", this::delete)
        .add("GET", "/servers/{id}/tools", this::tools)
        .add("POST", "/servers/{id}/test", this::test)
        .add("POST", "/servers/{id}/refresh", this::refresh);
  }

  private Reply list(Call call) {
    ArrayNode servers = Json.array();
    directory.servers().forEach(entry -> servers.add(ServerStatus.withStatus(directory, entry)));
    return Reply.ok(servers);
  }

  private Reply create(Call call) {
    ServerSpec spec = ServerJson.spec(call.body());
    ServerEntry created = directory.createServer(spec);
    reloadIfAsked(call);
    return Reply.created(ServerStatus.withStatus(directory, created));
  }

  private Reply get(Call call) {
    return Reply.ok(ServerStatus.withStatus(directory, entry(call)));
  }

  private Reply patch(Call call) {
    ServerEntry current = entry(call);
    ServerEntry updated =
        directory.updateServer(current.id(), ServerJson.patch(current.name(), call.body()));
    reloadIfAsked(call);
    return Reply.ok(ServerStatus.withStatus(directory, updated));
  }

  private Reply delete(Call call) {
    directory.deleteServer(entry(call).id());
    reloadIfAsked(call);
    return Reply.noContent();
  }

  /**
   * The upstream's tools as it lists them now: from the running connection when it is ready, else
   * from a temporary one. Each says whether the server's own allow/deny, as written, lets it
   * through, so a pattern can be checked before a reload applies it.
   */
  private Reply tools(Call call) {
    ServerEntry entry = entry(call);
    Optional<UpstreamConnection> running =
        directory
            .registry()
            .connection(entry.name())
            .filter(c -> c.state() == UpstreamState.READY)
            .filter(c -> c.config().equals(entry.spec().toUpstreamConfig()));
    List<ObjectNode> tools;
    String source;
    if (running.isPresent()) {
      boolean hasTools = running.get().serverInfo().map(info -> info.has("tools")).orElse(true);
      tools = hasTools ? ToolListing.list(running.get()) : List.of();
      source = "running";
    } else {
      UpstreamProbe.Outcome outcome = probe.run(entry.spec().toUpstreamConfig());
      if (!outcome.ok()) {
        throw new ApiException(
            502,
            "upstream_unavailable",
            entry.name() + " could not be listed: " + outcome.error().orElse("no answer"),
            null);
      }
      tools = outcome.tools().orElse(List.of());
      source = "temporary";
    }
    UpstreamConfig config = entry.spec().toUpstreamConfig();
    Namespace namespace = new Namespace(config.prefix(), separator);
    AllowDeny rules = AllowDeny.of(entry.spec().allow(), entry.spec().deny());
    ObjectNode reply = Json.object();
    reply.put("server", entry.name());
    reply.put("connection", source);
    ArrayNode items = reply.putArray("tools");
    for (ObjectNode tool : tools) {
      String name = tool.path("name").asString("");
      String exposed = namespace.expose(name);
      ObjectNode item = items.addObject();
      item.put("name", name);
      item.put("exposed_name", exposed);
      item.put("description", tool.path("description").asString(""));
      item.put("allowed", rules.permits(exposed, name));
      item.set("definition", tool);
    }
    return Reply.ok(reply);
  }

  /** Connects apart from the running gateway and reports the handshake; 200 either way. */
  private Reply test(Call call) {
    ServerEntry entry = entry(call);
    UpstreamProbe.Outcome outcome = probe.run(entry.spec().toUpstreamConfig());
    ObjectNode reply = Json.object();
    reply.put("server", entry.name());
    reply.put("ok", outcome.ok());
    reply.put("transport", entry.spec().transport().name().toLowerCase(java.util.Locale.ROOT));
    if (outcome.info().isPresent()) {
      ServerInfo info = outcome.info().get();
      reply.put("protocol_version", info.protocolVersion());
      reply.set("server_info", info.serverInfo());
      reply.set("capabilities", info.capabilities());
      JsonFields.optional(reply, "instructions", info.instructions());
    }
    if (outcome.tools().isPresent()) {
      reply.put("tool_count", outcome.tools().get().size());
    } else {
      reply.putNull("tool_count");
    }
    JsonFields.optional(reply, "error", outcome.error());
    return Reply.ok(reply);
  }

  /** Lists one running server again and merges it into the catalog; touches no other server. */
  private Reply refresh(Call call) {
    ServerEntry entry = entry(call);
    if (directory.registry().connection(entry.name()).isEmpty()) {
      throw ApiException.conflict(
          "not_running",
          "server \""
              + entry.name()
              + "\" is not running"
              + (entry.spec().enabled() ? "; POST /admin/reload connects it" : " (disabled)"));
    }
    ServerCatalog listing = directory.registry().refresh(entry.name());
    ObjectNode reply = ServerStatus.withStatus(directory, entry);
    ObjectNode listed = reply.putObject("listed");
    listed.put("tools", listing.tools().size());
    listed.put("prompts", listing.prompts().size());
    listed.put("resources", listing.resources().size());
    listed.put("resource_templates", listing.resourceTemplates().size());
    return Reply.ok(reply);
  }

  private ServerEntry entry(Call call) {
    String id = call.param("id");
    return directory
        .server(id)
        .orElseThrow(
            () -> ApiException.notFound("server with id or name \"" + id + "\" not found"));
  }

  private void reloadIfAsked(Call call) {
    if (call.flag("reload")) {
      directory.reload();
    }
  }
}
