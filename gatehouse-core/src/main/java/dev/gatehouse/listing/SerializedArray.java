package dev.gatehouse.listing;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An ordinary array of a {@link Listing}'s items to anyone reading or changing it, which writes the
 * listing's kept JSON text instead of serializing item by item once the listing is reused, as long
 * as it holds the very same items in the same order (checked by identity, a few microseconds for
 * thousands). Changed, it serializes like any array.
 */
final class SerializedArray extends ArrayNode {
  private static final long serialVersionUID = 1L;

  private final transient Listing listing;

  SerializedArray(Listing listing) {
    super(JsonNodeFactory.instance, new ArrayList<>(listing.items()));
    this.listing = listing;
  }

  @Override
  public void serialize(JsonGenerator generator, SerializationContext context) {
    if (listing != null && listing.reused() && unchanged()) {
      generator.writeRawValue(listing.json());
    } else {
      super.serialize(generator, context);
    }
  }

  private boolean unchanged() {
    List<?> items = listing.items();
    if (size() != items.size()) {
      return false;
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode element = get(i);
      if (element != items.get(i)) {
        return false;
      }
    }
    return true;
  }
}
