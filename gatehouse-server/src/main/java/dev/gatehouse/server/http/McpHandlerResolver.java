package dev.gatehouse.server.http;

import dev.gatehouse.endpoint.McpHandler;
import java.util.Optional;

/**
 * Picks the handler for a request by the part of the path after the servlet's mount point. A
 * servlet mounted at {@code /mcp} sees {@code ""}; one mounted at {@code /mcp/g/*} sees {@code
 * "research"} for {@code /mcp/g/research}. A session stays bound to the path it was created on.
 */
@FunctionalInterface
public interface McpHandlerResolver {

  /** The handler for this path remainder (no leading slash), or empty for 404. */
  Optional<McpHandler> resolve(String pathRemainder);

  /** One handler for every path. */
  static McpHandlerResolver of(McpHandler handler) {
    Optional<McpHandler> fixed = Optional.of(handler);
    return path -> fixed;
  }
}
