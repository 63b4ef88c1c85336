package dev.gatehouse.catalog;

import tools.jackson.databind.node.ObjectNode;

/**
 * One upstream resource or resource template as clients see it.
 *
 * @param server the upstream's name
 * @param uri the URI (or URI template) clients use; the upstream's own unless it had to be
 *     qualified as {@code {server}+{uri}} because another upstream exposes the same one
 * @param originalUri the upstream's own URI or template
 * @param definition the upstream's object, with {@code uri}/{@code uriTemplate} rewritten only when
 *     qualified; never mutated
 */
public record ResourceEntry(String server, String uri, String originalUri, ObjectNode definition) {}
