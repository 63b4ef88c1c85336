package dev.gatehouse.hook;

/**
 * Tells the waiting client how a call is getting on, as MCP progress notifications. Only a client
 * that asked for progress (a {@code _meta.progressToken} on its request) hears anything; for the
 * others reports are dropped. Values must increase from one report to the next.
 */
@FunctionalInterface
public interface CallProgress {
  /** Reports nothing. */
  CallProgress NONE = (progress, total, message) -> {};

  /**
   * @param progress how far along, increasing with every report
   * @param total the value progress will reach, or 0 when unknown
   * @param message a short line for people
   */
  void report(double progress, double total, String message);
}
