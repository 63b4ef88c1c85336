package dev.gatehouse.catalog;

import tools.jackson.databind.node.ObjectNode;

/**
 * One upstream prompt as clients see it.
 *
 * @param server the upstream's name
 * @param name the name clients ask for
 * @param originalName the upstream's own name
 * @param definition the upstream's prompt object with only {@code name} rewritten; never mutated
 */
public record PromptEntry(String server, String name, String originalName, ObjectNode definition) {}
