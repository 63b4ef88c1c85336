package dev.gatehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CatalogTest {

  private static ObjectNode named(String field, String value) {
    return Json.object().put(field, value).put("description", "d");
  }

  private static ServerCatalog tools(String server, String... names) {
    return new ServerCatalog(
        server,
        List.of(names).stream().map(n -> named("name", n)).toList(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void namesAreExposedUnderThePrefixAndTheDefinitionIsOtherwiseUntouched() {
    ObjectNode tool = named("name", "echo");
    tool.putObject("annotations").put("readOnlyHint", true);
    Catalog catalog =
        Catalog.of(
            List.of(
                new Catalog.Part(
                    new ServerCatalog("evs", List.of(tool), List.of(), List.of(), List.of()),
                    new Namespace("evs", "_"))));

    ToolEntry entry = catalog.tool("evs_echo").orElseThrow();
    assertThat(entry.originalName()).isEqualTo("echo");
    assertThat(entry.definition().path("annotations").path("readOnlyHint").booleanValue()).isTrue();
    assertThat(tool.path("name").asString())
        .as("the upstream's object is not mutated")
        .isEqualTo("echo");
  }

  @Test
  void aCollisionKeepsTheFirstAndIsReported() {
    Catalog catalog =
        Catalog.of(
            List.of(
                new Catalog.Part(tools("a", "echo"), new Namespace("", "_")),
                new Catalog.Part(tools("b", "echo", "other"), new Namespace("", "_"))));

    assertThat(catalog.tool("echo").orElseThrow().server()).isEqualTo("a");
    assertThat(catalog.tool("other")).isPresent();
    assertThat(catalog.conflicts()).singleElement().asString().contains("\"echo\"", "\"b\"");
  }

  @Test
  void templatesRouteMatchingUris() {
    ServerCatalog files =
        new ServerCatalog(
            "files",
            List.of(),
            List.of(),
            List.of(),
            List.of(
                named("uriTemplate", "file:///{+path}"), named("uriTemplate", "db://rows/{id}")));
    Catalog catalog = Catalog.of(List.of(new Catalog.Part(files, new Namespace("files", "_"))));

    assertThat(catalog.routeResource("file:///etc/hosts"))
        .contains(new Catalog.ResourceRoute("files", "file:///etc/hosts"));
    assertThat(catalog.routeResource("db://rows/12"))
        .contains(new Catalog.ResourceRoute("files", "db://rows/12"));
    assertThat(catalog.routeResource("db://rows/12/extra")).isEmpty();
    assertThat(catalog.routeResource("other://x")).isEmpty();
  }

  @Test
  void namespacesSplitBackToTheOriginalName() {
    Namespace ns = new Namespace("evh", "_");
    assertThat(ns.original("evh_get-sum")).contains("get-sum");
    assertThat(ns.original("evs_get-sum")).isEmpty();
    assertThat(ns.original("evh_")).isEmpty();
    assertThat(new Namespace("", "_").original("anything")).contains("anything");
  }
}
