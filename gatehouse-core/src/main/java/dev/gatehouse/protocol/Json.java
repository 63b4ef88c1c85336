package dev.gatehouse.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the gateway. Messages stay trees from wire to wire, so this is all the
 * data binding the hot path needs.
 */
public final class Json {
  /**
   * Parsers and generators borrow their buffers from a small bounded pool. Jackson's default pool
   * is a lock-free deque whose upkeep showed in profiles of the hot path as more than the lock this
   * one takes; a thread-local pool would be useless on virtual threads.
   */
  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder().recyclerPool(JsonRecyclerPools.newBoundedPool(64)).build())
          .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * Parses JSON text; malformed input becomes a {@link GatewayException} with a parse error code.
   */
  public static JsonNode parse(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new GatewayException(ErrorCode.PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
    }
  }

  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new GatewayException(ErrorCode.PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
    }
  }

  public static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  public static String text(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** The string at {@code field} of an object node, or empty when absent or not a string. */
  public static java.util.Optional<String> string(JsonNode node, String field) {
    if (node == null) {
      return java.util.Optional.empty();
    }
    JsonNode value = node.get(field);
    return value != null && value.isString()
        ? java.util.Optional.of(value.stringValue())
        : java.util.Optional.empty();
  }
}
