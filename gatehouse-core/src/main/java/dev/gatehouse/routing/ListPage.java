package dev.gatehouse.routing;

import dev.gatehouse.listing.Listing;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pagination of the merged lists. The cursor is opaque to clients: an offset into the list, so a
 * client walking the pages of a stable catalog sees every item exactly once.
 */
final class ListPage {
  private static final String PREFIX = "gh1:";

  private ListPage() {}

  /**
   * Builds {@code {<field>: [...], nextCursor?}} for the page the request's cursor points at.
   *
   * @param pageSize items per page; 0 means everything in one page
   */
  static ObjectNode of(
      String field, List<ObjectNode> items, Optional<String> cursor, int pageSize) {
    int from = cursor.map(ListPage::offset).orElse(0);
    if (from > items.size()) {
      throw new GatewayException(ErrorCode.INVALID_PARAMS, "Invalid cursor");
    }
    int to = pageSize <= 0 ? items.size() : Math.min(items.size(), from + pageSize);
    ObjectNode result = Json.object();
    ArrayNode array = result.putArray(field);
    for (int i = from; i < to; i++) {
      array.add(items.get(i));
    }
    if (to < items.size()) {
      result.put("nextCursor", encode(to));
    }
    return result;
  }

  /**
   * The page of a kept listing: the whole of it (one page, or no paging) as the listing's own
   * array, which writes its kept JSON text; any other page as above.
   */
  static ObjectNode of(String field, Listing listing, Optional<String> cursor, int pageSize) {
    List<ObjectNode> items = listing.items();
    int from = cursor.map(ListPage::offset).orElse(0);
    if (from != 0 || (pageSize > 0 && pageSize < items.size())) {
      return of(field, items, cursor, pageSize);
    }
    ObjectNode result = Json.object();
    result.set(field, listing.asArray());
    return result;
  }

  static Optional<String> cursor(ObjectNode params) {
    JsonNode cursor = params.get("cursor");
    return cursor != null && cursor.isString()
        ? Optional.of(cursor.stringValue())
        : Optional.empty();
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith(PREFIX)) {
        throw new IllegalArgumentException();
      }
      int offset = Integer.parseInt(text.substring(PREFIX.length()));
      if (offset < 0) {
        throw new IllegalArgumentException();
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw new GatewayException(ErrorCode.INVALID_PARAMS, "Invalid cursor");
    }
  }
}
