package dev.gatehouse.testkit;

import java.util.Locale;
import java.util.Optional;

/** The syslog severities MCP logging uses, least severe first. */
public enum LogLevel {
  DEBUG,
  INFO,
  NOTICE,
  WARNING,
  ERROR,
  CRITICAL,
  ALERT,
  EMERGENCY;

  /** The wire spelling: {@code debug}, {@code info}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire spelling; empty for anything else. */
  public static Optional<LogLevel> parse(String text) {
    for (LogLevel level : values()) {
      if (level.wireName().equals(text)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
