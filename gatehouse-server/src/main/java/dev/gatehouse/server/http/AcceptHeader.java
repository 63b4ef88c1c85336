package dev.gatehouse.server.http;

import java.util.Locale;

/**
 * Which of the two answer formats a client accepts. Lenient on purpose: no {@code Accept} header,
 * or a wildcard, accepts both; only a header that names neither counts as a refusal.
 */
record AcceptHeader(boolean json, boolean eventStream) {
  static final String JSON = "application/json";
  static final String EVENT_STREAM = "text/event-stream";

  /** The last header parsed: a client sends the same one with every request. */
  private static volatile Parsed last = new Parsed("", new AcceptHeader(true, true));

  private record Parsed(String header, AcceptHeader accept) {}

  static AcceptHeader parse(String header) {
    if (header == null || header.isBlank()) {
      return new AcceptHeader(true, true);
    }
    Parsed seen = last;
    if (seen.header().equals(header)) {
      return seen.accept();
    }
    AcceptHeader accept = parseFresh(header);
    last = new Parsed(header, accept);
    return accept;
  }

  private static AcceptHeader parseFresh(String header) {
    boolean json = false;
    boolean eventStream = false;
    for (String range : header.toLowerCase(Locale.ROOT).split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim();
      if (refused(parts)) {
        continue;
      }
      switch (type) {
        case "*/*" -> {
          json = true;
          eventStream = true;
        }
        case "application/*", JSON -> json = true;
        case "text/*", EVENT_STREAM -> eventStream = true;
        default -> {}
      }
    }
    return new AcceptHeader(json, eventStream);
  }

  boolean none() {
    return !json && !eventStream;
  }

  private static boolean refused(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      if (param.startsWith("q=")) {
        try {
          return Double.parseDouble(param.substring(2).trim()) <= 0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }
}
