package dev.gatehouse.upstream.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a {@code text/event-stream} as the HTML standard defines it: {@code data} lines joined by
 * line breaks, {@code event} naming the type ({@code message} by default), {@code id} and {@code
 * retry} remembered for reconnecting, comments skipped, an unfinished event at the end dropped.
 */
final class SseEventReader {

  /** One dispatched event. */
  record Event(String type, String data) {}

  private final BufferedReader reader;
  private boolean first = true;
  private String lastEventId;
  private long retryMillis = -1;

  SseEventReader(InputStream stream) {
    this.reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
  }

  /** The next event with data, or empty at the end of the stream. */
  Optional<Event> next() throws IOException {
    StringBuilder data = new StringBuilder();
    String type = "";
    boolean hasData = false;
    String line;
    while ((line = reader.readLine()) != null) {
      if (first) {
        first = false;
        if (line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
      }
      if (line.isEmpty()) {
        if (hasData) {
          return Optional.of(new Event(type.isEmpty() ? "message" : type, data.toString()));
        }
        type = "";
        continue;
      }
      if (line.charAt(0) == ':') {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> {
          if (hasData) {
            data.append('\n');
          }
          data.append(value);
          hasData = true;
        }
        case "event" -> type = value;
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            lastEventId = value;
          }
        }
        case "retry" -> {
          if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
              retryMillis = Long.parseLong(value);
            } catch (NumberFormatException e) {
              // too large to matter
            }
          }
        }
        default -> {
          // unknown fields are ignored
        }
      }
    }
    return Optional.empty();
  }

  /** The last event id the stream set, for {@code Last-Event-ID} when reconnecting. */
  Optional<String> lastEventId() {
    return lastEventId == null || lastEventId.isEmpty()
        ? Optional.empty()
        : Optional.of(lastEventId);
  }

  /** The reconnection delay the server asked for, if any. */
  OptionalLong retryMillis() {
    return retryMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryMillis);
  }
}
