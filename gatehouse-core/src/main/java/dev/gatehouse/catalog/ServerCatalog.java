package dev.gatehouse.catalog;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything one upstream lists, all pages fetched, exactly as the upstream sent it.
 *
 * @param server the upstream's name
 * @param tools {@code tools/list} items
 * @param prompts {@code prompts/list} items
 * @param resources {@code resources/list} items
 * @param resourceTemplates {@code resources/templates/list} items
 */
public record ServerCatalog(
    String server,
    List<ObjectNode> tools,
    List<ObjectNode> prompts,
    List<ObjectNode> resources,
    List<ObjectNode> resourceTemplates) {

  public ServerCatalog {
    tools = List.copyOf(tools);
    prompts = List.copyOf(prompts);
    resources = List.copyOf(resources);
    resourceTemplates = List.copyOf(resourceTemplates);
  }

  public static ServerCatalog empty(String server) {
    return new ServerCatalog(server, List.of(), List.of(), List.of(), List.of());
  }
}
