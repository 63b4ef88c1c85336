package dev.gatehouse.registry;

import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.store.CatalogSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** An upstream's listing as the store keeps it: one JSON object with the four lists. */
public final class CatalogSnapshots {
  private CatalogSnapshots() {}

  public static CatalogSnapshot of(ServerCatalog listing, Instant takenAt) {
    ObjectNode json = Json.object();
    put(json, "tools", listing.tools());
    put(json, "prompts", listing.prompts());
    put(json, "resources", listing.resources());
    put(json, "resourceTemplates", listing.resourceTemplates());
    return new CatalogSnapshot(listing.server(), Json.text(json), takenAt);
  }

  /** The listing a snapshot holds; a snapshot that is not such JSON yields an empty listing. */
  public static ServerCatalog listing(CatalogSnapshot snapshot) {
    JsonNode json;
    try {
      json = Json.parse(snapshot.catalog());
    } catch (RuntimeException e) {
      return ServerCatalog.empty(snapshot.server());
    }
    return new ServerCatalog(
        snapshot.server(),
        items(json, "tools"),
        items(json, "prompts"),
        items(json, "resources"),
        items(json, "resourceTemplates"));
  }

  private static void put(ObjectNode json, String field, List<ObjectNode> items) {
    ArrayNode array = json.putArray(field);
    items.forEach(array::add);
  }

  private static List<ObjectNode> items(JsonNode json, String field) {
    List<ObjectNode> items = new ArrayList<>();
    for (JsonNode item : json.path(field)) {
      if (item instanceof ObjectNode object) {
        items.add(object);
      }
    }
    return items;
  }
}
