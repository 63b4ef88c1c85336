package dev.gatehouse.cli;

/** Exit codes of the command line. */
final class ExitCodes {
  static final int OK = 0;

  /** Something failed while running (a port in use, an unwritable file). */
  static final int FAILED = 1;

  /** The config or the command line is wrong. */
  static final int BAD_CONFIG = 2;

  private ExitCodes() {}
}
