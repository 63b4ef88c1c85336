package dev.gatehouse.listing;

import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The items of one list as one caller sees them in one catalog snapshot, with their JSON text made
 * once the listing is used a second time, and kept (a listing used once, for a view made for one
 * request, is serialized like any other answer). Immutable, like the catalog's items it holds.
 */
public final class Listing {
  private final List<ObjectNode> items;
  private final AtomicInteger uses = new AtomicInteger();
  private volatile SerializableString json;

  Listing(List<ObjectNode> items) {
    this.items = List.copyOf(items);
  }

  public List<ObjectNode> items() {
    return items;
  }

  /** Counts one more answer made from this listing. */
  Listing used() {
    uses.incrementAndGet();
    return this;
  }

  /** Whether keeping the JSON text pays: the listing answered more than once. */
  boolean reused() {
    return uses.get() > 1;
  }

  /**
   * The whole list as an array node of its own (a caller may change it) that serializes as the kept
   * text while it still holds exactly these items.
   */
  public ArrayNode asArray() {
    return new SerializedArray(this);
  }

  /** The JSON text of the whole array, made once. */
  SerializableString json() {
    SerializableString text = json;
    if (text == null) {
      ArrayNode array = Json.array();
      items.forEach(array::add);
      SerializedString made = new SerializedString(Json.text(array));
      made.asUnquotedUTF8();
      json = made;
      text = made;
    }
    return text;
  }
}
