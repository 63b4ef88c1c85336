package dev.gatehouse.it.bench;

import dev.gatehouse.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tool definitions shaped like those of real MCP servers (GitHub, Slack, Jira, databases ...):
 * verb-noun names, one to three sentences of description, two to six parameters with types,
 * descriptions, enums and defaults. Deterministic: the same counts give the same tools.
 */
final class SyntheticTools {
  static final List<String> DOMAINS =
      List.of(
          "github",
          "slack",
          "jira",
          "postgres",
          "files",
          "calendar",
          "mail",
          "crm",
          "analytics",
          "docs",
          "billing",
          "monitoring",
          "storage",
          "search",
          "translate",
          "weather",
          "maps",
          "hr",
          "inventory",
          "shipping");
  private static final List<String> VERBS =
      List.of(
          "create",
          "get",
          "list",
          "update",
          "delete",
          "search",
          "archive",
          "export",
          "import",
          "sync",
          "assign",
          "close",
          "comment_on",
          "tag",
          "summarize",
          "move",
          "copy",
          "restore");
  private static final List<String> NOUNS =
      List.of(
          "issue",
          "pull_request",
          "message",
          "channel",
          "ticket",
          "table",
          "row",
          "file",
          "folder",
          "event",
          "invite",
          "contact",
          "deal",
          "report",
          "dashboard",
          "page",
          "invoice",
          "alert",
          "bucket",
          "document",
          "route",
          "employee",
          "order",
          "shipment",
          "comment",
          "label",
          "user",
          "team",
          "project",
          "release");
  private static final List<String> EXTRAS =
      List.of(
          "Returns the updated object with all its fields.",
          "Requires write access to the workspace.",
          "Results are paginated; pass the cursor from the previous page to continue.",
          "Use this when the user asks to change an existing item rather than create one.",
          "Times are in UTC and formatted as ISO 8601.",
          "Archived items are excluded unless include_archived is true.",
          "Fails with a not-found error when the id does not exist.",
          "The operation is idempotent: repeating it has no further effect.");

  private SyntheticTools() {}

  /** {@code total} tools spread evenly over {@code domains} domains, by domain name. */
  static Map<String, List<ObjectNode>> of(int total, int domains) {
    Random random = new Random(42);
    Map<String, List<ObjectNode>> byDomain = new LinkedHashMap<>();
    for (int d = 0; d < domains; d++) {
      String domain = DOMAINS.get(d);
      int count = total / domains + (d < total % domains ? 1 : 0);
      Map<String, String[]> names = new LinkedHashMap<>();
      if (d == 0) {
        names.put("create_issue", new String[] {"create", "issue"});
      }
      while (names.size() < count) {
        String verb = VERBS.get(random.nextInt(VERBS.size()));
        String noun = NOUNS.get(random.nextInt(NOUNS.size()));
        names.putIfAbsent(verb + "_" + noun, new String[] {verb, noun});
      }
      List<ObjectNode> tools = new ArrayList<>();
      names.forEach((name, parts) -> tools.add(tool(domain, name, parts[0], parts[1], random)));
      byDomain.put(domain, tools);
    }
    return byDomain;
  }

  private static ObjectNode tool(
      String domain, String name, String verb, String noun, Random random) {
    String thing = noun.replace('_', ' ');
    StringBuilder description =
        new StringBuilder(capitalized(verb.replace('_', ' ')))
            .append(" a ")
            .append(thing)
            .append(" in ")
            .append(capitalized(domain))
            .append('.');
    int extras = 1 + random.nextInt(2);
    for (int i = 0; i < extras; i++) {
      description.append(' ').append(EXTRAS.get(random.nextInt(EXTRAS.size())));
    }
    ObjectNode tool = Json.object().put("name", name).put("description", description.toString());
    ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    String id = noun + "_id";
    properties
        .putObject(id)
        .put("type", "string")
        .put("description", "The id of the " + thing + ", as returned by list or search.");
    schema.withArray("required").add(id);
    int more = 1 + random.nextInt(5);
    List<String> pool = new ArrayList<>(PARAMETERS.keySet());
    for (int i = 0; i < more; i++) {
      String parameter = pool.remove(random.nextInt(pool.size()));
      properties.set(parameter, PARAMETERS.get(parameter).deepCopy());
      if (random.nextInt(3) == 0) {
        schema.withArray("required").add(parameter);
      }
    }
    schema.put("additionalProperties", false);
    return tool;
  }

  private static final Map<String, ObjectNode> PARAMETERS = parameters();

  private static Map<String, ObjectNode> parameters() {
    Map<String, ObjectNode> parameters = new LinkedHashMap<>();
    parameters.put(
        "title",
        Json.object().put("type", "string").put("description", "A short, human-readable title."));
    parameters.put(
        "body",
        Json.object()
            .put("type", "string")
            .put("description", "The full text, in Markdown. Mentions like @name notify people."));
    parameters.put(
        "limit",
        Json.object()
            .put("type", "integer")
            .put("minimum", 1)
            .put("maximum", 100)
            .put("default", 20)
            .put("description", "Maximum number of results to return."));
    parameters.put(
        "cursor",
        Json.object()
            .put("type", "string")
            .put("description", "Opaque cursor from a previous page's next_cursor."));
    ObjectNode status =
        Json.object().put("type", "string").put("description", "Only items in this state.");
    status.putArray("enum").add("open").add("closed").add("all");
    status.put("default", "open");
    parameters.put("status", status);
    ObjectNode labels =
        Json.object().put("type", "array").put("description", "Labels to set, replacing any.");
    labels.putObject("items").put("type", "string");
    parameters.put("labels", labels);
    parameters.put(
        "owner",
        Json.object()
            .put("type", "string")
            .put("description", "User name or email of the owner; defaults to the caller."));
    parameters.put(
        "created_after",
        Json.object()
            .put("type", "string")
            .put("format", "date-time")
            .put("description", "Only items created after this time (ISO 8601)."));
    parameters.put(
        "include_archived",
        Json.object()
            .put("type", "boolean")
            .put("default", false)
            .put("description", "Whether to include archived items."));
    ObjectNode sort = Json.object().put("type", "string").put("description", "Sort order.");
    sort.putArray("enum").add("created").add("updated").add("priority");
    parameters.put("sort", sort);
    return parameters;
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
