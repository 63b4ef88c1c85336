package dev.gatehouse.hook;

import dev.gatehouse.protocol.ErrorCode;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a {@link PreCallHook} decides about a call. Hooks run in order: {@link Continue} and {@link
 * Rewrite} pass the call on to the next hook (a rewrite with new arguments), {@link Deny} stops it
 * at once, and {@link RequireConfirmation} lets the remaining hooks run (one of them may still
 * deny) and then asks the confirmation hooks.
 */
public sealed interface Decision
    permits Decision.Continue, Decision.Rewrite, Decision.Deny, Decision.RequireConfirmation {

  /** Let the call go on unchanged. */
  static Decision proceed() {
    return Continue.INSTANCE;
  }

  /** Go on with these arguments instead. */
  static Decision rewrite(ObjectNode arguments) {
    return new Rewrite(arguments);
  }

  /** Refuse the call with {@code DENIED_BY_POLICY}. */
  static Decision deny(String reason) {
    return new Deny(reason, ErrorCode.DENIED_BY_POLICY);
  }

  /** Refuse the call with another stable code. */
  static Decision deny(String reason, ErrorCode code) {
    return new Deny(reason, code);
  }

  /** Ask the confirmation hooks (a human, usually) before the call goes on. */
  static Decision requireConfirmation(String reason) {
    return new RequireConfirmation(reason);
  }

  /** The call goes on unchanged. */
  record Continue() implements Decision {
    static final Continue INSTANCE = new Continue();
  }

  /**
   * The call goes on with new arguments; later hooks see them.
   *
   * @param arguments the arguments to send instead
   */
  record Rewrite(ObjectNode arguments) implements Decision {
    public Rewrite {
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  /**
   * The call is refused; the caller gets an error with this message and code.
   *
   * @param reason shown to the caller and written to the audit log
   * @param code the stable error code
   */
  record Deny(String reason, ErrorCode code) implements Decision {
    public Deny {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
    }
  }

  /**
   * The call needs a yes from the confirmation hooks first.
   *
   * @param reason why, shown to whoever confirms
   */
  record RequireConfirmation(String reason) implements Decision {
    public RequireConfirmation {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
