package dev.gatehouse.hook;

/**
 * Transforms a successful call's result (redaction, annotation). Hooks run in registration order,
 * each receiving the previous one's output. They run on tool-level failures too ({@code isError}),
 * but not when the call itself failed. A hook that throws (or returns null) fails the call with
 * {@code INTERNAL_ERROR} rather than let an unprocessed result through.
 */
@FunctionalInterface
public interface PostCallHook {
  ToolResult after(ToolCall call, ToolResult result);
}
