package dev.gatehouse.testkit;

import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a test tool. It returns the whole {@code CallToolResult} object ({@code content},
 * {@code structuredContent}, {@code isError}, {@code _meta}, ...), sent as it is.
 *
 * <p>A {@link dev.gatehouse.protocol.GatewayException} becomes a JSON-RPC error; any other
 * exception becomes a tool result with {@code isError: true} and the exception's message, the way
 * MCP servers report tool execution errors.
 */
@FunctionalInterface
public interface ToolHandler {

  ObjectNode call(ObjectNode arguments, RequestContext context);
}
