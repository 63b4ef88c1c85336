package dev.gatehouse.hook;

/**
 * Looks at a call before it goes upstream and decides: continue, rewrite the arguments, deny, or
 * require confirmation. Hooks run in registration order, each seeing the arguments the previous
 * ones left. A hook that throws (or returns null) denies the call: governance fails closed.
 */
@FunctionalInterface
public interface PreCallHook {
  Decision before(ToolCall call);
}
