package dev.gatehouse.audit;

import java.util.Locale;

/** How a call ended, as the audit log names it. */
public enum AuditDecision {
  /** Went upstream without needing confirmation and returned a result. */
  ALLOWED,
  /** Refused by a pre-call hook (a deny glob, a failing hook) or an authenticator. */
  DENIED,
  /** Approved by the confirmation hooks, went upstream and returned a result. */
  CONFIRMED,
  /** Refused by a confirmation hook, or no confirmation hook was there to ask. */
  REJECTED,
  /** Nobody decided before the approval timeout; refused. */
  TIMED_OUT,
  /** The client cancelled the call. */
  CANCELLED,
  /** The call was allowed but failed: the upstream was unavailable, timed out or errored. */
  FAILED;

  /** The lowercase name written to the log ({@code timed_out}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
