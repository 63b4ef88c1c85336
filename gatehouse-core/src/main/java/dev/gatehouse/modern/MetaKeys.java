package dev.gatehouse.modern;

import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The reserved {@code _meta} keys of the 2026-07-28 revision. */
public final class MetaKeys {
  public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

  /** The keys a client puts on every request: they describe the client, not the call. */
  public static final List<String> REQUEST_ENVELOPE =
      List.of(PROTOCOL_VERSION, CLIENT_CAPABILITIES, CLIENT_INFO, LOG_LEVEL);

  private MetaKeys() {}

  /** {@code params._meta} of a params object, when it is an object. */
  public static Optional<ObjectNode> metaOf(JsonNode params) {
    return params != null && params.get("_meta") instanceof ObjectNode meta
        ? Optional.of(meta)
        : Optional.empty();
  }

  /** {@code params._meta}, created when absent. */
  public static ObjectNode metaIn(ObjectNode params) {
    return params.get("_meta") instanceof ObjectNode meta ? meta : params.putObject("_meta");
  }

  /**
   * Removes the request envelope from {@code params._meta} (and {@code _meta} itself when nothing
   * else is left), so a request can travel on in another revision.
   */
  public static void stripEnvelope(ObjectNode params) {
    metaOf(params)
        .ifPresent(meta -> {
          meta.remove(REQUEST_ENVELOPE);
          if (meta.isEmpty()) {
            params.remove("_meta");
          }
        });
  }

  /** Removes one key from a result's or notification's {@code _meta}, dropping an empty one. */
  public static void remove(ObjectNode holder, String key) {
    metaOf(holder)
        .ifPresent(meta -> {
          meta.remove(key);
          if (meta.isEmpty()) {
            holder.remove("_meta");
          }
        });
  }

  /** The string at {@code _meta[key]} of a params object. */
  public static Optional<String> string(JsonNode params, String key) {
    return metaOf(params).flatMap(meta -> Json.string(meta, key));
  }
}
