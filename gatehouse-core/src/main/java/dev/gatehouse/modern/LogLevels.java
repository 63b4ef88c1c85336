package dev.gatehouse.modern;

import java.util.List;
import java.util.OptionalInt;

/** The syslog severities of MCP logging, least severe first. */
public final class LogLevels {
  public static final List<String> ORDER =
      List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

  private LogLevels() {}

  /** The severity rank of a level name; empty for an unknown name. */
  public static OptionalInt rank(String level) {
    int index = ORDER.indexOf(level);
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** True when a message at {@code level} passes a {@code threshold}; unknown levels pass. */
  public static boolean passes(String level, String threshold) {
    OptionalInt message = rank(level);
    OptionalInt wanted = rank(threshold);
    return message.isEmpty() || wanted.isEmpty() || message.getAsInt() >= wanted.getAsInt();
  }
}
