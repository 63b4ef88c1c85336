package dev.gatehouse.upstream.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a {@code text/event-stream} as the HTML standard defines it: {@code data} lines joined by
 * line breaks, {@code event} naming the type ({@code message} by default), {@code id} and {@code
 * retry} remembered for reconnecting, comments skipped, an unfinished event at the end dropped.
 *
 * <p>Works on bytes: an event's data is gathered as the UTF-8 it arrived in and handed on as one
 * array, ready for the JSON parser, without decoding it to characters and back.
 */
final class SseEventReader {
  private static final int BUFFER_SIZE = 8192;
  private static final int MAX_FIELD = 64;
  private static final int MAX_VALUE = 8192;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * One dispatched event: its type and its data, in UTF-8. A large event ({@link #next(int)}) has
   * only its first bytes here and the rest in {@link #rest()}, still on the stream.
   */
  static final class Event {
    private final String type;
    private final byte[] data;
    private final DataRest rest;

    Event(String type, String data) {
      this(type, data.getBytes(StandardCharsets.UTF_8), null);
    }

    private Event(String type, byte[] data, DataRest rest) {
      this.type = type;
      this.data = data;
      this.rest = rest;
    }

    String type() {
      return type;
    }

    /**
     * The data after {@link #bytes()} for a large event, up to the event's end. It must be read or
     * closed (which skips it) before the reader's next event.
     */
    Optional<InputStream> rest() {
      return Optional.ofNullable(rest);
    }

    /** Once the rest of this large event has been read or closed, the whole stream is closed. */
    void closeStreamAfterRest() {
      if (rest != null) {
        rest.closeStream = true;
      }
    }

    /** The data as text. */
    String data() {
      return new String(data, StandardCharsets.UTF_8);
    }

    /** The data as it arrived; not copied, so not to be changed. */
    byte[] bytes() {
      return data;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Event event
          && type.equals(event.type)
          && Arrays.equals(data, event.data);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Event[" + type + ", " + data() + "]";
    }
  }

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final byte[] field = new byte[MAX_FIELD];
  private final Accumulator data = new Accumulator();
  private final Accumulator value = new Accumulator();
  private int position;
  private int limit;
  private boolean started;
  private boolean afterCarriageReturn;

  /** What ended the last field name: ':' or a line end ('\n'). */
  private int lastStop;

  private String lastEventId;
  private long retryMillis = -1;

  SseEventReader(InputStream stream) {
    this.in = stream;
  }

  /** The next event with data, or empty at the end of the stream. */
  Optional<Event> next() throws IOException {
    return next(Integer.MAX_VALUE);
  }

  /**
   * The next event with data, or empty at the end of the stream. An event whose data reaches {@code
   * streamFrom} bytes comes with what was read so far and the rest still to be read ({@link
   * Event#rest()}); its type is what the fields before its data said.
   */
  Optional<Event> next(int streamFrom) throws IOException {
    data.reset();
    String type = "";
    boolean hasData = false;
    while (true) {
      int fieldLength = readField();
      if (fieldLength == -2) {
        return Optional.empty();
      }
      if (fieldLength == -1) {
        // An empty line dispatches the event.
        if (hasData) {
          return Optional.of(new Event(type.isEmpty() ? "message" : type, data.toArray(), null));
        }
        type = "";
        continue;
      }
      if (fieldLength == 0 && lastStop == ':') {
        skipLine(); // a comment
        continue;
      }
      boolean hadValue = lastStop == ':';
      if (hadValue && peek() == ' ') {
        position++;
      }
      if (is("data", fieldLength)) {
        if (hasData) {
          data.add((byte) '\n');
        }
        if (hadValue && !readData(streamFrom)) {
          return Optional.of(
              new Event(type.isEmpty() ? "message" : type, data.toArray(), new DataRest()));
        }
        hasData = true;
        continue;
      }
      String event = otherField(fieldLength, hadValue);
      if (event != null) {
        type = event;
      }
    }
  }

  /**
   * Reads the value of a field other than {@code data}: remembers {@code id} and {@code retry}.
   *
   * @return the type an {@code event} field names, or null for any other field
   */
  private String otherField(int fieldLength, boolean hadValue) throws IOException {
    value.reset();
    if (hadValue) {
      readRest(value, MAX_VALUE);
    }
    if (is("event", fieldLength)) {
      return value.text();
    } else if (is("id", fieldLength)) {
      String id = value.text();
      if (id.indexOf('\0') < 0) {
        lastEventId = id;
      }
    } else if (is("retry", fieldLength)) {
      String retry = value.text();
      if (!retry.isEmpty() && retry.chars().allMatch(c -> c >= '0' && c <= '9')) {
        try {
          retryMillis = Long.parseLong(retry);
        } catch (NumberFormatException e) {
          // too large to matter
        }
      }
    }
    // unknown fields are ignored
    return null;
  }

  /**
   * Copies the rest of a data line into {@link #data}, stopping early (false) once it holds {@code
   * streamFrom} bytes and the line goes on past the buffered bytes.
   */
  private boolean readData(int streamFrom) throws IOException {
    while (true) {
      if (position >= limit && !fill()) {
        return true;
      }
      int end = position;
      while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
        end++;
      }
      data.add(buffer, position, end - position);
      position = end;
      if (end < limit) {
        lineEnd(buffer[position++]);
        return true;
      }
      if (data.size() >= streamFrom) {
        return false;
      }
    }
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

  /**
   * Reads a field name up to ':' or the line's end into {@link #field}.
   *
   * @return its length (names longer than the buffer are cut, and so match nothing), -1 for an
   *     empty line, -2 at the end of the stream
   */
  private int readField() throws IOException {
    int length = 0;
    while (true) {
      int b = read();
      if (b < 0) {
        return -2;
      }
      if (b == '\r' || b == '\n') {
        lineEnd(b);
        lastStop = '\n';
        return length == 0 ? -1 : length;
      }
      if (b == ':') {
        lastStop = ':';
        return length;
      }
      if (length < MAX_FIELD) {
        field[length] = (byte) b;
      }
      length++;
    }
  }

  private boolean is(String name, int length) {
    if (length != name.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (field[i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Copies the rest of the line into {@code target}, keeping at most {@code max} bytes. */
  private void readRest(Accumulator target, int max) throws IOException {
    while (true) {
      if (position >= limit && !fill()) {
        return;
      }
      int start = position;
      int end = start;
      while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
        end++;
      }
      int room = max - target.size();
      if (room > 0) {
        target.add(buffer, start, Math.min(end - start, room));
      }
      position = end;
      if (end < limit) {
        lineEnd(buffer[position++]);
        return;
      }
    }
  }

  private void skipLine() throws IOException {
    while (true) {
      int b = read();
      if (b < 0) {
        return;
      }
      if (b == '\r' || b == '\n') {
        lineEnd(b);
        return;
      }
    }
  }

  /**
   * A line ended at {@code b}, just consumed. After a CR, a LF that follows belongs to the same
   * line end: skipped now when it is buffered, else at the next fill (never waited for, so an event
   * ended by CR alone is dispatched at once).
   */
  private void lineEnd(int b) {
    afterCarriageReturn = false;
    if (b == '\r') {
      if (position < limit) {
        if (buffer[position] == '\n') {
          position++;
        }
      } else {
        afterCarriageReturn = true;
      }
    }
  }

  private int peek() throws IOException {
    if (position >= limit && !fill()) {
      return -1;
    }
    return buffer[position] & 0xFF;
  }

  private int read() throws IOException {
    if (position >= limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xFF;
  }

  private boolean fill() throws IOException {
    while (true) {
      int n = in.read(buffer, 0, buffer.length);
      if (n < 0) {
        return false;
      }
      position = 0;
      limit = n;
      if (!started && n > 0) {
        started = true;
        skipByteOrderMark();
      }
      if (afterCarriageReturn && position < limit) {
        afterCarriageReturn = false;
        if (buffer[position] == '\n') {
          position++;
        }
      }
      if (position < limit) {
        return true;
      }
    }
  }

  /** A U+FEFF that starts the stream is not part of it, even when it arrives a byte at a time. */
  private void skipByteOrderMark() throws IOException {
    while (limit < BOM.length && Arrays.equals(buffer, 0, limit, BOM, 0, limit)) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        break;
      }
      limit += n;
    }
    if (limit >= BOM.length && Arrays.equals(buffer, 0, BOM.length, BOM, 0, BOM.length)) {
      position = BOM.length;
    }
  }

  /**
   * The data of a large event after what {@link #next(int)} gathered: the rest of its data line,
   * then its further data lines, each after a line break, until the empty line that ends it (or the
   * end of the stream). Fields between its data lines count as in any event.
   */
  private final class DataRest extends InputStream {
    private boolean inLine = true;
    private boolean lineBreakDue;
    private boolean ended;
    private volatile boolean closeStream;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      java.util.Objects.checkFromIndexSize(offset, length, target.length);
      if (length == 0) {
        return 0;
      }
      while (!ended) {
        if (lineBreakDue) {
          lineBreakDue = false;
          target[offset] = '\n';
          return 1;
        }
        if (inLine) {
          if (position >= limit && !fill()) {
            ended = true;
            break;
          }
          int end = position;
          int stop = Math.min(limit, position + length);
          while (end < stop && buffer[end] != '\n' && buffer[end] != '\r') {
            end++;
          }
          if (end > position) {
            int n = end - position;
            System.arraycopy(buffer, position, target, offset, n);
            position = end;
            return n;
          }
          lineEnd(buffer[position++]);
          inLine = false;
          continue;
        }
        int fieldLength = readField();
        if (fieldLength < 0) {
          ended = true; // the empty line that ends the event, or the end of the stream
        } else if (fieldLength == 0 && lastStop == ':') {
          skipLine();
        } else {
          boolean hadValue = lastStop == ':';
          if (hadValue && peek() == ' ') {
            position++;
          }
          if (is("data", fieldLength)) {
            lineBreakDue = true;
            inLine = hadValue;
          } else {
            otherField(fieldLength, hadValue);
          }
        }
      }
      return -1;
    }

    /** Skips what is left of the event; closes the stream as well once asked to. */
    @Override
    public void close() throws IOException {
      try {
        if (!closeStream) {
          transferTo(OutputStream.nullOutputStream());
        }
      } finally {
        ended = true;
        if (closeStream) {
          in.close();
        }
      }
    }
  }

  /**
   * Bytes gathered in chunks that double in size up to a megabyte, then copied once into an array
   * of the exact size: a large event costs about twice its size, not the four to six times a
   * doubling array and its copies would.
   */
  private static final class Accumulator {
    private static final int FIRST_CHUNK = 1024;
    private static final int MAX_CHUNK = 1 << 20;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] chunk;
    private int used;
    private int size;

    void reset() {
      full.clear();
      if (chunk != null && chunk.length > FIRST_CHUNK * 8) {
        chunk = null;
      }
      used = 0;
      size = 0;
    }

    int size() {
      return size;
    }

    void add(byte b) {
      room();
      chunk[used++] = b;
      size++;
    }

    void add(byte[] bytes, int offset, int length) {
      while (length > 0) {
        room();
        int n = Math.min(length, chunk.length - used);
        System.arraycopy(bytes, offset, chunk, used, n);
        used += n;
        size += n;
        offset += n;
        length -= n;
      }
    }

    private void room() {
      if (chunk == null) {
        chunk = new byte[FIRST_CHUNK];
        used = 0;
      } else if (used == chunk.length) {
        full.add(chunk);
        chunk = new byte[Math.min(MAX_CHUNK, chunk.length * 2)];
        used = 0;
      }
    }

    byte[] toArray() {
      byte[] all = new byte[size];
      int at = 0;
      for (byte[] part : full) {
        System.arraycopy(part, 0, all, at, part.length);
        at += part.length;
      }
      if (chunk != null) {
        System.arraycopy(chunk, 0, all, at, used);
      }
      if (!full.isEmpty()) {
        // The chunks of a large event are not kept for the next one.
        full.clear();
        chunk = null;
      }
      return all;
    }

    String text() {
      return new String(toArray(), StandardCharsets.UTF_8);
    }
  }
}
