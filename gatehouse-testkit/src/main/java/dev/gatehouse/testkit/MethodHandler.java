package dev.gatehouse.testkit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers any request method by name, replacing the built-in behaviour of a {@link TestServer} for
 * that method or adding one it does not know. Returns the {@code result}; throw a {@link
 * dev.gatehouse.protocol.GatewayException} to answer with a JSON-RPC error.
 */
@FunctionalInterface
public interface MethodHandler {

  JsonNode handle(ObjectNode params, RequestContext context);
}
