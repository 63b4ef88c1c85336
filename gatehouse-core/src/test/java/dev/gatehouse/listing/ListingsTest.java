package dev.gatehouse.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.policy.AllowDeny;
import dev.gatehouse.policy.EndpointView;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ListingsTest {
  private final Listings listings = new Listings();
  private final AtomicInteger computed = new AtomicInteger();

  private static Catalog catalog(String... tools) {
    List<ObjectNode> items =
        java.util.Arrays.stream(tools)
            .map(name -> {
              ObjectNode tool = Json.object();
              tool.put("name", name);
              tool.put("description", "the \"" + name + "\" tool");
              return tool;
            })
            .toList();
    ServerCatalog listing = new ServerCatalog("a", items, List.of(), List.of(), List.of());
    return Catalog.of(List.of(new Catalog.Part(listing, new Namespace("a", "_"))));
  }

  private Listing tools(Catalog catalog, View view) {
    return listings.of(
        "tools",
        catalog,
        view,
        () -> {
          computed.incrementAndGet();
          return catalog.tools().stream().filter(view::tool).map(ToolEntry::definition).toList();
        });
  }

  private static String text(ArrayNode array) {
    ObjectNode result = Json.object();
    result.set("tools", array);
    return Json.text(result);
  }

  private static String plain(Listing listing) {
    ArrayNode array = Json.array();
    listing.items().forEach(array::add);
    return text(array);
  }

  @Test
  void aListIsWorkedOutOncePerCatalogAndView() {
    Catalog catalog = catalog("read", "write");
    View hideWrites = EndpointView.main(Map.of("a", AllowDeny.of(List.of(), List.of("*write*"))));

    Listing all = tools(catalog, View.all());
    assertThat(tools(catalog, View.all())).isSameAs(all);
    Listing filtered = tools(catalog, hideWrites);
    assertThat(tools(catalog, hideWrites)).isSameAs(filtered);

    assertThat(computed).hasValue(2);
    assertThat(all.items())
        .extracting(t -> t.path("name").asString())
        .containsExactly("a_read", "a_write");
    assertThat(filtered.items())
        .extracting(t -> t.path("name").asString())
        .containsExactly("a_read");
  }

  @Test
  void aNewCatalogIsListedAfresh() {
    Listing before = tools(catalog("read"), View.all());

    Listing after = tools(catalog("read", "new"), View.all());

    assertThat(after).isNotSameAs(before);
    assertThat(after.items()).hasSize(2);
  }

  @Test
  void theKeptTextIsWhatTheItemsSerializeTo() {
    Catalog catalog = catalog("read", "write", "ünïcode");
    Listing once = tools(catalog, View.all());
    assertThat(once.reused()).isFalse();
    assertThat(text(once.asArray())).isEqualTo(plain(once));

    Listing again = tools(catalog, View.all());

    assertThat(again.reused()).isTrue();
    assertThat(text(again.asArray())).isEqualTo(plain(again));
    assertThat(text(again.asArray())).isEqualTo(plain(again));
  }

  @Test
  void aChangedArrayIsSerializedAsChangedAndTheListingStaysIntact() {
    Catalog catalog = catalog("read", "write");
    tools(catalog, View.all());
    Listing listing = tools(catalog, View.all());
    String original = plain(listing);

    ArrayNode array = listing.asArray();
    array.remove(0);
    array.add(Json.object().put("name", "extra"));

    assertThat(Json.parse(text(array)).path("tools"))
        .extracting(t -> t.path("name").asString())
        .containsExactly("a_write", "extra");
    assertThat(text(listing.asArray())).isEqualTo(original);
  }
}
