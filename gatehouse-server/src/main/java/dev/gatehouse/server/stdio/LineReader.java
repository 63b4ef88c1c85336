package dev.gatehouse.server.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Splits a byte stream into newline-terminated lines without ever holding more than the limit of
 * one line: a longer line is skipped and reported as too long.
 */
final class LineReader {
  /** One line without its terminator; {@code bytes} is empty when the line was too long. */
  record Line(byte[] bytes, boolean tooLong) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or empty at end of stream. A last line without a newline still counts. */
  Optional<Line> next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    boolean started = false;
    while (true) {
      if (position == limit) {
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        if (read < 0) {
          return started ? Optional.of(finish(line, tooLong)) : Optional.empty();
        }
        continue;
      }
      started = true;
      int newline = indexOfNewline();
      int end = newline < 0 ? limit : newline;
      if (!tooLong) {
        if (line.size() + (end - position) > maxLineBytes) {
          tooLong = true;
          line = new ByteArrayOutputStream();
        } else {
          line.write(buffer, position, end - position);
        }
      }
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        return Optional.of(finish(line, tooLong));
      }
    }
  }

  private int indexOfNewline() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static Line finish(ByteArrayOutputStream line, boolean tooLong) {
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      bytes = java.util.Arrays.copyOf(bytes, length - 1);
    }
    return new Line(bytes, tooLong);
  }
}
