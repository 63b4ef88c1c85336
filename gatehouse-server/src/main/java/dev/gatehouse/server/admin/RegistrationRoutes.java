package dev.gatehouse.server.admin;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.registry.Directory.ServerEntry;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /registry/servers}: dynamic registration for services that announce themselves. A
 * registration is written to the store and applied at once (a reload), and the answer carries the
 * tools the gateway discovered, after waiting a bounded time for the upstream to get ready.
 *
 * <p>Only URL servers can be registered: a stdio server is a command the gateway would run, which a
 * registration token must not be enough to do.
 */
final class RegistrationRoutes {
  private static final Set<String> STDIO_FIELDS = Set.of("command", "args", "env", "cwd");
  private static final Duration POLL = Duration.ofMillis(50);

  private final Directory directory;
  private final Duration readyTimeout;

  RegistrationRoutes(Directory directory, Duration readyTimeout) {
    this.directory = directory;
    this.readyTimeout = readyTimeout;
  }

  void addTo(Router router) {
    router
        .add("GET", "/servers", this::list)
        .add("POST", "/servers", this::register)
        .add("DELETE", "/servers/{name}", this::deregister);
  }

  private Reply list(Call call) {
    ObjectNode reply = Json.object();
    ArrayNode servers = reply.putArray("servers");
    for (ServerEntry entry : directory.servers()) {
      ObjectNode server = servers.addObject();
      server.put("name", entry.name());
      server.put("source", entry.source().name().toLowerCase(java.util.Locale.ROOT));
      JsonFields.optional(server, "url", entry.spec().url().map(URI::toString));
      JsonFields.optional(server, "description", entry.spec().description());
      server.setAll(ServerStatus.of(directory, entry));
    }
    return Reply.ok(reply);
  }

  private Reply register(Call call) {
    ObjectNode body = call.body();
    // fastmcp-gateway names the server "domain"; both spellings are accepted.
    if (body.has("domain") && !body.has("name")) {
      body.set("name", body.get("domain"));
    }
    body.remove("domain");
    for (String field : STDIO_FIELDS) {
      if (body.has(field)) {
        throw ApiException.invalid(
            field, "registration takes URL servers only, not \"" + field + "\"");
      }
    }
    ServerSpec spec = ServerJson.spec(body);
    if (spec.transport() == TransportKind.STDIO) {
      throw ApiException.invalid("url", "registration takes URL servers only");
    }
    ServerEntry entry = directory.createServer(spec);
    directory.reload();
    Optional<UpstreamConnection> connection = awaitSettled(entry.name());
    ObjectNode reply = Json.object();
    reply.put("registered", entry.name());
    reply.put("id", entry.id());
    JsonFields.optional(reply, "url", spec.url().map(URI::toString));
    reply.put(
        "state",
        connection
            .map(c -> c.state().name().toLowerCase(java.util.Locale.ROOT))
            .orElse("disabled"));
    Optional<String> error = connection.flatMap(UpstreamConnection::lastError);
    if (connection.isPresent() && connection.get().state() == UpstreamState.READY) {
      try {
        directory.registry().refresh(entry.name());
      } catch (GatewayException e) {
        error = Optional.of(e.getMessage());
      }
    }
    JsonFields.optional(reply, "error", error);
    List<String> tools =
        directory.registry().catalog().tools().stream()
            .filter(tool -> tool.server().equals(entry.name()))
            .filter(directory.mainView()::tool)
            .map(ToolEntry::name)
            .toList();
    reply.put("tools_discovered", tools.size());
    JsonFields.array(reply, "tools_added", tools);
    return Reply.created(reply);
  }

  private Reply deregister(Call call) {
    String name = call.param("name");
    ServerEntry entry =
        directory
            .server(name)
            .orElseThrow(() -> ApiException.notFound("server \"" + name + "\" not found"));
    directory.deleteServer(entry.id());
    directory.reload();
    ObjectNode reply = Json.object();
    reply.put("deregistered", entry.name());
    return Reply.ok(reply);
  }

  /** The new server's connection once it is ready or has failed once, or when the bound passes. */
  private Optional<UpstreamConnection> awaitSettled(String name) {
    Instant deadline = Instant.now().plus(readyTimeout);
    while (true) {
      Optional<UpstreamConnection> connection = directory.registry().connection(name);
      if (connection.isEmpty()
          || connection.get().state() != UpstreamState.CONNECTING
          || Instant.now().isAfter(deadline)) {
        return connection;
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return connection;
      }
    }
  }
}
