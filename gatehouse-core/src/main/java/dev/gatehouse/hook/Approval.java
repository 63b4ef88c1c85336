package dev.gatehouse.hook;

import java.util.Objects;

/**
 * A {@link ConfirmationHook}'s answer. Only {@link Approved} lets the call go on; a rejection, a
 * timeout, a hook that throws, or no confirmation hook at all refuse it.
 */
public sealed interface Approval permits Approval.Approved, Approval.Rejected, Approval.TimedOut {

  static Approval approved() {
    return Approved.INSTANCE;
  }

  static Approval rejected(String reason) {
    return new Rejected(reason);
  }

  static Approval timedOut(String reason) {
    return new TimedOut(reason);
  }

  /** Go ahead. */
  record Approved() implements Approval {
    static final Approved INSTANCE = new Approved();
  }

  /**
   * Someone said no.
   *
   * @param reason shown to the caller
   */
  record Rejected(String reason) implements Approval {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Nobody answered in time; refused like a rejection, and audited as a timeout.
   *
   * @param reason shown to the caller
   */
  record TimedOut(String reason) implements Approval {
    public TimedOut {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
