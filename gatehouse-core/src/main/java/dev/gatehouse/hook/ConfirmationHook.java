package dev.gatehouse.hook;

/**
 * Decides a call that a {@link PreCallHook} marked as needing confirmation, usually by asking a
 * human; it may block (calls run on virtual threads). Every registered hook must approve, in order;
 * the first rejection refuses the call. Fail-safe: a hook that throws rejects, and with no
 * confirmation hook registered every such call is refused.
 *
 * <p>A hook that waits should give up when its thread is interrupted (the client cancelled the
 * call): withdraw whatever it asked and throw a {@link dev.gatehouse.protocol.GatewayException}
 * with {@code CANCELLED}.
 */
@FunctionalInterface
public interface ConfirmationHook {
  /**
   * @param call the call, with the arguments the pre-call hooks left
   * @param reason why confirmation is needed (the pre-call hook's words)
   */
  Approval confirm(ToolCall call, String reason);
}
