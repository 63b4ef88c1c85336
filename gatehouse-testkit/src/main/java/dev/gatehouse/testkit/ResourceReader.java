package dev.gatehouse.testkit;

import tools.jackson.databind.node.ObjectNode;

/** Reads a fixed test resource: returns the whole {@code ReadResourceResult} ({@code contents}). */
@FunctionalInterface
public interface ResourceReader {

  ObjectNode read(String uri, RequestContext context);
}
