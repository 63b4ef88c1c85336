package dev.gatehouse.cli;

/** Exit codes of the command line. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Something failed while running (a port in use, an unwritable file). */
  public static final int FAILED = 1;

  /** The config or the command line is wrong. */
  public static final int BAD_CONFIG = 2;

  private ExitCodes() {}
}
