package dev.gatehouse.server.admin;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.registry.Directory.ReloadReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /admin/reload}, {@code /admin/status} and the API's own description. */
final class GatewayRoutes {
  static final String OPENAPI = "openapi.json";
  static final String DOCS = "docs.html";

  private final Directory directory;
  private final Supplier<ReloadReport> reloader;
  private final Supplier<ObjectNode> moreStatus;

  /**
   * @param reloader what {@code POST /reload} runs ({@link Directory#reload()} unless the daemon
   *     also reads its files again)
   * @param moreStatus sections other parts of the gateway add to {@code GET /status}
   */
  GatewayRoutes(
      Directory directory, Supplier<ReloadReport> reloader, Supplier<ObjectNode> moreStatus) {
    this.directory = directory;
    this.reloader = reloader;
    this.moreStatus = moreStatus;
  }

  void addTo(Router router) {
    router
        .add("POST", "/reload", this::reload)
        .add("GET", "/status", this::status)
        .add("GET", "/openapi.json", call -> resource(OPENAPI, Reply.JSON))
        .add("GET", "/docs", call -> resource(DOCS, "text/html; charset=utf-8"));
  }

  /** Applies what is written: connects new and changed servers, drops removed ones. */
  private Reply reload(Call call) {
    ReloadReport report = reloader.get();
    ObjectNode reply = Json.object();
    JsonFields.array(reply, "servers", report.servers());
    JsonFields.array(reply, "reconnected", report.reconnected());
    JsonFields.array(reply, "groups", report.groups());
    return Reply.ok(reply);
  }

  /**
   * Every server with its live state, and totals. Grows with the gateway: later parts add their own
   * sections here (reload and refresh progress, for one).
   */
  private Reply status(Call call) {
    ObjectNode reply = Json.object();
    ArrayNode servers = reply.putArray("servers");
    directory
        .servers()
        .forEach(entry -> {
          ObjectNode server = servers.addObject();
          server.put("id", entry.id());
          server.put("name", entry.name());
          server.put("source", entry.source().name().toLowerCase(java.util.Locale.ROOT));
          server.put("enabled", entry.spec().enabled());
          server.setAll(ServerStatus.of(directory, entry));
        });
    ArrayNode groups = reply.putArray("groups");
    directory.groups().forEach(group -> groups.add(group.name()));
    Catalog catalog = directory.registry().catalog();
    ObjectNode totals = reply.putObject("catalog");
    totals.put("tools", catalog.tools().size());
    totals.put(
        "exposed_tools", catalog.tools().stream().filter(directory.mainView()::tool).count());
    totals.put("prompts", catalog.prompts().size());
    totals.put("resources", catalog.resources().size());
    JsonFields.array(reply, "conflicts", catalog.conflicts());
    ObjectNode store = reply.putObject("store");
    store.put("location", directory.store().describe());
    store.put("schema_version", directory.store().schemaVersion());
    reply.setAll(moreStatus.get());
    return Reply.ok(reply);
  }

  private static Reply resource(String name, String contentType) {
    try (InputStream in = GatewayRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new Reply(200, contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
