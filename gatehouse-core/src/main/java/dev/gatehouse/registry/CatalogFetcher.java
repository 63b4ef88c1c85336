package dev.gatehouse.registry;

import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads everything an upstream lists, following every page. */
final class CatalogFetcher {
  /** A runaway cursor loop stops here rather than spinning forever. */
  private static final int MAX_PAGES = 1_000;

  private CatalogFetcher() {}

  static ServerCatalog fetch(UpstreamConnection upstream) {
    ServerInfo info =
        upstream
            .serverInfo()
            .orElseThrow(() ->
                new GatewayException(
                    ErrorCode.SERVER_UNAVAILABLE, upstream.name() + " is not initialized"));
    CallOptions options = CallOptions.of(upstream.config().timeout());
    List<ObjectNode> tools =
        info.has("tools") ? all(upstream, McpMethods.TOOLS_LIST, "tools", options) : List.of();
    List<ObjectNode> prompts =
        info.has("prompts")
            ? all(upstream, McpMethods.PROMPTS_LIST, "prompts", options)
            : List.of();
    List<ObjectNode> resources = List.of();
    List<ObjectNode> templates = List.of();
    if (info.has("resources")) {
      resources = all(upstream, McpMethods.RESOURCES_LIST, "resources", options);
      try {
        templates =
            all(upstream, McpMethods.RESOURCES_TEMPLATES_LIST, "resourceTemplates", options);
      } catch (MethodNotFound e) {
        // Servers with plain resources and no templates often leave the method out; that is no
        // reason to lose their tools.
        templates = List.of();
      }
    }
    return new ServerCatalog(upstream.name(), tools, prompts, resources, templates);
  }

  private static List<ObjectNode> all(
      UpstreamConnection upstream, String method, String field, CallOptions options) {
    List<ObjectNode> items = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      ObjectNode params = Json.object();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      Response response = upstream.request(method, params, options);
      if (response.isError()) {
        ObjectNode error = response.error().orElseGet(Json::object);
        String message =
            upstream.name() + " failed " + method + ": " + error.path("message").asString("");
        throw error.path("code").asInt(0) == JsonRpcCodes.METHOD_NOT_FOUND
            ? new MethodNotFound(message)
            : new GatewayException(ErrorCode.UPSTREAM_ERROR, message);
      }
      JsonNode result = response.result().orElse(Json.object());
      for (JsonNode item : result.path(field)) {
        if (item instanceof ObjectNode object) {
          items.add(object);
        }
      }
      JsonNode next = result.get("nextCursor");
      if (next == null || !next.isString() || next.stringValue().isEmpty()) {
        return items;
      }
      cursor = next.stringValue();
    }
    throw new GatewayException(
        ErrorCode.UPSTREAM_ERROR, upstream.name() + " returned more than " + MAX_PAGES + " pages");
  }

  /** An upstream answered a list method it declared with "method not found". */
  private static final class MethodNotFound extends GatewayException {
    MethodNotFound(String message) {
      super(ErrorCode.UPSTREAM_ERROR, message);
    }
  }
}
