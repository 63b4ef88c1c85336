package dev.gatehouse.testkit;

import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code completion/complete}: gets the request's params ({@code ref}, {@code argument},
 * {@code context}) and returns the whole {@code CompleteResult} ({@code completion: {values, total,
 * hasMore}}).
 */
@FunctionalInterface
public interface CompletionHandler {

  ObjectNode complete(ObjectNode params, RequestContext context);
}
