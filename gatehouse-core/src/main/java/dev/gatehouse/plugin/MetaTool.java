package dev.gatehouse.plugin;

import dev.gatehouse.hook.ToolCall;
import dev.gatehouse.hook.ToolResult;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool the gateway offers itself (from a plugin) rather than an upstream. It is listed under its
 * own name and called through the same hooks as upstream tools; {@link ToolCall#server()} is the
 * plugin's name.
 */
public interface MetaTool {

  /** The MCP tool definition: {@code name}, {@code description}, {@code inputSchema}, ... */
  ObjectNode definition();

  /**
   * Runs the tool on the calling (virtual) thread.
   *
   * @throws dev.gatehouse.protocol.GatewayException to fail the call
   */
  ToolResult call(ToolCall call);

  default String name() {
    return definition().path("name").asString("");
  }

  /** Who offers it: the plugin's name once registered through a plugin. */
  default String owner() {
    return "gatehouse";
  }

  /** A meta-tool from a definition and a function. */
  static MetaTool of(ObjectNode definition, Function<ToolCall, ToolResult> body) {
    Objects.requireNonNull(body, "body");
    if (definition.path("name").asString("").isEmpty()) {
      throw new IllegalArgumentException("a meta-tool definition needs a name");
    }
    ObjectNode frozen = definition.deepCopy();
    return new MetaTool() {
      @Override
      public ObjectNode definition() {
        return frozen;
      }

      @Override
      public ToolResult call(ToolCall call) {
        return body.apply(call);
      }
    };
  }
}
