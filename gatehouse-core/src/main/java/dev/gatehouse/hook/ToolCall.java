package dev.gatehouse.hook;

import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code tools/call} as hooks see it.
 *
 * @param caller who calls, through which endpoint
 * @param server the upstream that owns the tool (for a plugin's meta-tool, the plugin's name)
 * @param tool the name the caller used (namespaced, such as {@code github_create_issue})
 * @param originalTool the upstream's own name for it ({@code create_issue})
 * @param arguments the arguments as they will be sent; hooks must not mutate them, but return a
 *     {@link Decision.Rewrite} instead
 * @param attributes state shared by every hook of this one call (a filter's start time, a cache
 *     key); thread-safe, and the same map for the whole call, rewrites included
 * @param progress reports progress to the waiting client, when it asked for progress
 */
public record ToolCall(
    Caller caller,
    String server,
    String tool,
    String originalTool,
    ObjectNode arguments,
    Map<String, Object> attributes,
    CallProgress progress) {

  public ToolCall {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(originalTool, "originalTool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(progress, "progress");
  }

  /** The same call with other arguments; attributes and progress are shared. */
  public ToolCall withArguments(ObjectNode newArguments) {
    return new ToolCall(caller, server, tool, originalTool, newArguments, attributes, progress);
  }
}
