package dev.gatehouse.testkit;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cursor pagination of a list result. The cursor is opaque to clients (base64 of an offset), as the
 * spec asks; a cursor this server did not hand out is an invalid-params error.
 */
final class Pages {
  private static final String PREFIX = "offset:";

  private Pages() {}

  /**
   * One page of {@code items} under {@code field}, starting at {@code params.cursor}, with {@code
   * nextCursor} when more remain. A page size of 0 returns everything at once.
   */
  static ObjectNode page(List<ObjectNode> items, String field, JsonNode params, int pageSize) {
    int from = Json.string(params, "cursor").map(Pages::decode).orElse(0);
    if (from > items.size()) {
      throw invalidCursor();
    }
    int to = pageSize <= 0 ? items.size() : Math.min(items.size(), from + pageSize);
    ObjectNode result = Json.object();
    ArrayNode list = result.putArray(field);
    for (ObjectNode item : items.subList(from, to)) {
      list.add(item.deepCopy());
    }
    if (to < items.size()) {
      result.put("nextCursor", encode(to));
    }
    return result;
  }

  static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith(PREFIX)) {
        throw invalidCursor();
      }
      int offset = Integer.parseInt(text.substring(PREFIX.length()));
      if (offset < 0) {
        throw invalidCursor();
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw invalidCursor();
    }
  }

  private static GatewayException invalidCursor() {
    return new GatewayException(ErrorCode.INVALID_PARAMS, "Invalid cursor");
  }
}
