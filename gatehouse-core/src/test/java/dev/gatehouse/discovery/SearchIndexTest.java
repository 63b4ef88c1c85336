package dev.gatehouse.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SearchIndexTest {

  static ObjectNode tool(String name, String description, String... parameters) {
    ObjectNode tool = Json.object().put("name", name).put("description", description);
    ObjectNode properties =
        tool.putObject("inputSchema").put("type", "object").putObject("properties");
    for (int i = 0; i < parameters.length; i += 2) {
      properties
          .putObject(parameters[i])
          .put("type", "string")
          .put("description", parameters[i + 1]);
    }
    return tool;
  }

  static Catalog catalog(String server, List<ObjectNode> tools) {
    return Catalog.of(
        List.of(
            new Catalog.Part(
                new ServerCatalog(server, tools, List.of(), List.of(), List.of()),
                new Namespace(server, "_"))));
  }

  /** The tools of server-everything that matter for ranking, with their real descriptions. */
  private static Catalog everything() {
    return catalog(
        "evh",
        List.of(
            tool("echo", "Echoes back the input string", "message", "Message to echo"),
            tool(
                "get-sum",
                "Returns the sum of two numbers",
                "a",
                "First number",
                "b",
                "Second number"),
            tool(
                "get-resource-links",
                "Returns up to ten resource links that reference different types of resources",
                "count",
                "Number of resource links to return (1-10)"),
            tool(
                "trigger-long-running-operation",
                "Demonstrates a long running operation with progress updates.",
                "duration",
                "Duration of the operation in seconds",
                "steps",
                "Number of steps in the operation"),
            tool("get-tiny-image", "Returns a tiny MCP logo image."),
            tool(
                "get-env",
                "Returns all environment variables, helpful for debugging MCP server"
                    + " configuration")));
  }

  private static List<String> search(Catalog catalog, String query) {
    return SearchIndex.of(catalog).search(query, t -> true, 5).stream()
        .map(h -> h.tool().name())
        .toList();
  }

  @Test
  void wordsOfTheDescriptionAndParametersRankTheRightToolFirst() {
    assertThat(search(everything(), "add two numbers")).first().isEqualTo("evh_get-sum");
    assertThat(search(everything(), "show me environment variables"))
        .first()
        .isEqualTo("evh_get-env");
    assertThat(search(everything(), "image")).first().isEqualTo("evh_get-tiny-image");
  }

  @Test
  void typosAndPrefixesStillFind() {
    assertThat(search(everything(), "enviroment")).first().isEqualTo("evh_get-env");
    assertThat(search(everything(), "evh_ecoh")).first().isEqualTo("evh_echo");
    assertThat(search(everything(), "progr"))
        .first()
        .isEqualTo("evh_trigger-long-running-operation");
  }

  @Test
  void anExactNameComesFirst() {
    assertThat(search(everything(), "echo")).first().isEqualTo("evh_echo");
    assertThat(search(everything(), "evh_get-sum")).first().isEqualTo("evh_get-sum");
  }

  @Test
  void nothingMatchingFindsNothing() {
    assertThat(search(everything(), "kubernetes deployment")).isEmpty();
    assertThat(search(everything(), "")).isEmpty();
  }

  @Test
  void toolsTheCallerMayNotSeeAreNeverReturned() {
    List<SearchIndex.Hit> hits =
        SearchIndex.of(everything())
            .search("add two numbers", t -> !t.originalName().equals("get-sum"), 5);

    assertThat(hits).extracting(h -> h.tool().name()).doesNotContain("evh_get-sum");
  }

  @Test
  void thousandsOfToolsAreSearchedFromOneIndex() {
    List<ObjectNode> tools = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      tools.add(
          tool(
              "tool-" + i,
              "Operation number " + i + " on widget " + (i % 97) + " for team " + (i % 13),
              "id",
              "The widget id"));
    }
    tools.add(tool("launch-rocket", "Launches the rocket to orbit", "target", "Orbit name"));
    Catalog catalog = catalog("big", tools);
    SearchIndex index = SearchIndex.of(catalog);

    List<SearchIndex.Hit> hits = index.search("launch a rocket into orbit", t -> true, 3);

    assertThat(index.catalog()).isSameAs(catalog);
    assertThat(hits).extracting(h -> h.tool().name()).first().isEqualTo("big_launch-rocket");
    assertThat(index.search("widget", t -> true, 10)).hasSize(10);
  }

  @Test
  void namesSplitAtPunctuationAndCamelCase() {
    assertThat(Terms.of("getUserById")).containsExactly("get", "user", "id");
    assertThat(Terms.of("github_create-issue")).containsExactly("github", "create", "issue");
    assertThat(Terms.of("Searches the files")).containsExactly("search", "file");
  }

  @Test
  void editDistanceCountsATranspositionAsOneEdit() {
    assertThat(EditDistance.within("ecoh", "echo", 2)).isEqualTo(1);
    assertThat(EditDistance.within("kitten", "sitting", 5)).isEqualTo(3);
    assertThat(EditDistance.within("a", "abcdef", 2)).isEqualTo(3);
  }

  @Test
  void nameSuggestionsResolveOnlyAnUnambiguousNearMiss() {
    Catalog catalog =
        Catalog.of(
            List.of(
                new Catalog.Part(
                    new ServerCatalog(
                        "evs", List.of(tool("echo", "Echo")), List.of(), List.of(), List.of()),
                    new Namespace("evs", "_")),
                new Catalog.Part(
                    new ServerCatalog(
                        "evh", List.of(tool("echo", "Echo")), List.of(), List.of(), List.of()),
                    new Namespace("evh", "_"))));
    List<ToolEntry> tools = catalog.tools();

    assertThat(NameSuggestions.resolve("evh_ecoh", tools))
        .map(ToolEntry::name)
        .hasValue("evh_echo");
    assertThat(NameSuggestions.resolve("EVS_ECHO", tools))
        .map(ToolEntry::name)
        .hasValue("evs_echo");
    assertThat(NameSuggestions.resolve("ecoh", tools)).isEmpty();
    assertThat(NameSuggestions.near("ecoh", tools))
        .extracting(ToolEntry::name)
        .containsExactly("evh_echo", "evs_echo");
  }
}
