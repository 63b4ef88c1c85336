package dev.gatehouse.catalog;

import tools.jackson.databind.node.ObjectNode;

/**
 * One upstream tool as clients see it.
 *
 * @param server the upstream's name
 * @param name the name clients call it by
 * @param originalName the upstream's own name
 * @param definition the upstream's tool object with only {@code name} rewritten; shared and never
 *     mutated, so listings can reuse it
 */
public record ToolEntry(String server, String name, String originalName, ObjectNode definition) {

  /** The one-line description, or empty. */
  public String description() {
    return definition.path("description").asString("");
  }
}
