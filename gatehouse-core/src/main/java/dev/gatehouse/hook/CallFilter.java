package dev.gatehouse.hook;

/**
 * Wraps the upstream call itself: retries, circuit breaking, caching, timing. A filter calls {@code
 * next.proceed(call)} zero, one or more times and returns a result or throws. Filters nest in
 * registration order: the first registered is the outermost. They run after the pre-call and
 * confirmation hooks and before the post-call hooks, and see each other's exceptions.
 */
@FunctionalInterface
public interface CallFilter {

  ToolResult filter(ToolCall call, Chain next);

  /** The rest of the chain: the next filter, or the upstream call after the last one. */
  @FunctionalInterface
  interface Chain {
    /**
     * @throws dev.gatehouse.protocol.GatewayException when the call fails (the upstream is
     *     unavailable, timed out, answered with an error, ...)
     */
    ToolResult proceed(ToolCall call);
  }
}
