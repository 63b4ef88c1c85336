package dev.gatehouse.modern;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Response;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an era-neutral answer into a 2026-07-28 one: every result gets {@code resultType} and the
 * server's identity in {@code _meta}, cacheable results get {@code ttlMs} and {@code cacheScope},
 * and error codes renumbered by the revision get their new number. And the way back: an answer of a
 * 2026-07-28 upstream in the era-neutral shape the core works with.
 */
public final class StatelessResults {
  /** Results that must carry caching hints when complete. */
  static final Set<String> CACHEABLE =
      Set.of(
          McpMethods.SERVER_DISCOVER,
          McpMethods.TOOLS_LIST,
          McpMethods.PROMPTS_LIST,
          McpMethods.RESOURCES_LIST,
          McpMethods.RESOURCES_TEMPLATES_LIST,
          McpMethods.RESOURCES_READ);

  static final String COMPLETE = "complete";
  static final String INPUT_REQUIRED = "input_required";

  /**
   * Zero: a gateway's lists change whenever an upstream's do and may differ per client, so it
   * promises no freshness and lets clients rely on list_changed.
   */
  static final long TTL_MS = 0;

  /** Lists may be filtered per client; shared caches must not serve one client's to another. */
  static final String CACHE_SCOPE = "private";

  private StatelessResults() {}

  /**
   * The era-neutral shape of an upstream's answer, in place: {@code resultType} is removed when the
   * result is complete (an {@code input_required} result keeps it, the only case the core must tell
   * apart), and so is the server's identity in {@code _meta}, which names the upstream, not the
   * gateway.
   */
  public static Response neutral(Response response) {
    if (response.result().orElse(null) instanceof ObjectNode result) {
      if (COMPLETE.equals(result.path("resultType").asString(""))) {
        result.remove("resultType");
      }
      MetaKeys.remove(result, MetaKeys.SERVER_INFO);
    }
    return response;
  }

  /** Adapts a response in place and returns it. */
  static Response adapt(Response response, String method, Optional<ObjectNode> serverInfo) {
    if (response.isError()) {
      response.error().ifPresent(StatelessResults::renumber);
      return response;
    }
    JsonNode result = response.result().orElse(null);
    ObjectNode object;
    if (result instanceof ObjectNode existing) {
      object = existing;
    } else {
      object = Json.object();
      response.json().set("result", object);
    }
    if (!object.has("resultType")) {
      object.put("resultType", COMPLETE);
    }
    serverInfo.ifPresent(
        info -> MetaKeys.metaIn(object).set(MetaKeys.SERVER_INFO, info.deepCopy()));
    boolean complete = COMPLETE.equals(object.path("resultType").asString(""));
    if (complete && CACHEABLE.contains(method)) {
      if (!object.has("ttlMs")) {
        object.put("ttlMs", TTL_MS);
      }
      if (!object.has("cacheScope")) {
        object.put("cacheScope", CACHE_SCOPE);
      }
    }
    return response;
  }

  /** 2026-07-28 reports an unknown resource as invalid params, no longer as -32002. */
  private static void renumber(ObjectNode error) {
    if (error.path("code").asInt(0) == JsonRpcCodes.RESOURCE_NOT_FOUND) {
      error.put("code", JsonRpcCodes.INVALID_PARAMS);
    }
  }

  /** True when a result asks the client for more input. */
  public static boolean isInputRequired(Response response) {
    return response
        .result()
        .map(r -> INPUT_REQUIRED.equals(r.path("resultType").asString("")))
        .orElse(false);
  }
}
