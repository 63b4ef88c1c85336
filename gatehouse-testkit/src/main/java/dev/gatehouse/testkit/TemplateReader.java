package dev.gatehouse.testkit;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a resource that matched a {@link UriTemplate}: gets the URI and the values of the
 * template's variables, returns the whole {@code ReadResourceResult}.
 */
@FunctionalInterface
public interface TemplateReader {

  ObjectNode read(String uri, Map<String, String> variables, RequestContext context);
}
