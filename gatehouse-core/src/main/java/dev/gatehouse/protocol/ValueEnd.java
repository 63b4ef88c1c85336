package dev.gatehouse.protocol;

/**
 * Finds where one JSON object or array ends in bytes that arrive in pieces, by counting brackets
 * outside strings. It checks nothing else of the JSON: that is for whoever parses it. Line breaks
 * between tokens become spaces on the way, so the value fits on one line (an SSE data line, a stdio
 * message) without a parse; a line break inside a string is invalid JSON and left alone.
 */
public final class ValueEnd {
  private int depth;
  private boolean inString;
  private boolean escaped;

  /**
   * Scans {@code bytes[from, to)}, which follow what was scanned before.
   *
   * @return the index just past the value's closing bracket, or -1 when it is not in these bytes
   * @throws IllegalArgumentException when the value does not start with a bracket, or closes one
   *     that was never opened
   */
  public int scan(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
        continue;
      }
      switch (b) {
        case '"' -> inString = true;
        case '{', '[' -> depth++;
        case '}', ']' -> {
          if (--depth == 0) {
            return i + 1;
          }
        }
        case '\n', '\r' -> bytes[i] = ' ';
        default -> {}
      }
      if (depth <= 0 && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        throw new IllegalArgumentException("not a JSON object or array");
      }
    }
    return -1;
  }
}
