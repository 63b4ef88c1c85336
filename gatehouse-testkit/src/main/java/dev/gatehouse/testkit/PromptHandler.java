package dev.gatehouse.testkit;

import tools.jackson.databind.node.ObjectNode;

/** Renders a test prompt: returns the whole {@code GetPromptResult} ({@code messages}, ...). */
@FunctionalInterface
public interface PromptHandler {

  ObjectNode get(ObjectNode arguments, RequestContext context);
}
