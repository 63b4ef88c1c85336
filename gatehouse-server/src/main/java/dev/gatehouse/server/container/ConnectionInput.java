package dev.gatehouse.server.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a connection receives, buffered: request heads are parsed straight out of the buffer,
 * and bodies read through it. Every blocking read runs under the connection's read deadline.
 */
final class ConnectionInput {
  private static final int MAX_FIELDS = 100;

  private final InputStream socket;
  private final Activity activity;
  private final byte[] buffer;
  private int position;
  private int limit;

  ConnectionInput(InputStream socket, Activity activity, int size) {
    this.socket = socket;
    this.activity = activity;
    this.buffer = new byte[size];
  }

  /** Whatever the connection must bump before and after a blocking read or write. */
  interface Activity {
    void blocking();

    void done();
  }

  /**
   * The next request's head, or null when the peer closed the connection between requests. A head
   * larger than the buffer is refused with 431, a malformed one with 400.
   */
  HttpHead readHead() throws IOException {
    // One deadline for the whole head, not one per read: a client trickling a byte now and then
    // must not hold the connection past the idle timeout.
    activity.blocking();
    try {
      int scanned = position;
      while (true) {
        int end = headEnd(Math.max(position, scanned - 3));
        if (end >= 0) {
          HttpHead head = parse(position, end);
          position = end;
          return head;
        }
        scanned = limit;
        if (position > 0) {
          scanned -= position;
          compact();
        }
        if (limit == buffer.length) {
          throw new BadRequest(431, "Request header fields too large");
        }
        if (fillWithin() < 0) {
          if (limit == position) {
            return null;
          }
          throw new BadRequest(400, "Connection closed inside a request head");
        }
      }
    } finally {
      activity.done();
    }
  }

  /** The index just past the blank line that ends a head, or -1. Bare LF line ends count too. */
  private int headEnd(int from) {
    for (int i = from; i < limit; i++) {
      if (buffer[i] == '\n') {
        if (i + 1 < limit && buffer[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < limit && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  private HttpHead parse(int from, int end) throws BadRequest {
    int lineEnd = lineEnd(from, end);
    // Empty lines before a request line are to be ignored (RFC 9112, section 2.2).
    while (lineEnd == from + lineBreak(from, end)) {
      from = lineEnd;
      if (from >= end) {
        throw new BadRequest(400, "Empty request");
      }
      lineEnd = lineEnd(from, end);
    }
    String line = text(from, contentEnd(from, lineEnd));
    int space1 = line.indexOf(' ');
    int space2 = line.lastIndexOf(' ');
    if (space1 <= 0 || space2 == space1) {
      throw new BadRequest(400, "Malformed request line");
    }
    String method = line.substring(0, space1);
    String target = line.substring(space1 + 1, space2);
    String version = line.substring(space2 + 1);
    boolean http10;
    if (version.equals("HTTP/1.1")) {
      http10 = false;
    } else if (version.equals("HTTP/1.0")) {
      http10 = true;
    } else if (version.startsWith("HTTP/")) {
      throw new BadRequest(505, "HTTP version not supported");
    } else {
      throw new BadRequest(400, "Malformed request line");
    }
    if (target.isEmpty() || target.indexOf(' ') >= 0 || !HttpHead.isToken(method)) {
      throw new BadRequest(400, "Malformed request line");
    }
    String[] names = new String[8];
    String[] values = new String[8];
    int count = 0;
    int at = lineEnd;
    while (true) {
      int next = lineEnd(at, end);
      int contentEnd = contentEnd(at, next);
      if (contentEnd == at) {
        break;
      }
      byte first = buffer[at];
      if (first == ' ' || first == '\t') {
        throw new BadRequest(400, "Obsolete line folding in a header field");
      }
      int colon = indexOf((byte) ':', at, contentEnd);
      if (colon <= at) {
        throw new BadRequest(400, "Malformed header field");
      }
      String name = text(at, colon);
      if (!HttpHead.isToken(name)) {
        throw new BadRequest(400, "Malformed header field name");
      }
      int valueStart = colon + 1;
      int valueEnd = contentEnd;
      while (valueStart < valueEnd && isBlank(buffer[valueStart])) {
        valueStart++;
      }
      while (valueEnd > valueStart && isBlank(buffer[valueEnd - 1])) {
        valueEnd--;
      }
      if (count == MAX_FIELDS) {
        throw new BadRequest(431, "Too many header fields");
      }
      if (count == names.length) {
        names = java.util.Arrays.copyOf(names, count * 2);
        values = java.util.Arrays.copyOf(values, count * 2);
      }
      names[count] = name;
      values[count] = valueText(valueStart, valueEnd);
      count++;
      at = next;
    }
    return new HttpHead(method, target, http10, names, values, count);
  }

  private int lineEnd(int from, int end) {
    int lf = indexOf((byte) '\n', from, end);
    return lf < 0 ? end : lf + 1;
  }

  private int lineBreak(int from, int end) {
    if (from < end && buffer[from] == '\n') {
      return 1;
    }
    return from + 1 < end && buffer[from] == '\r' && buffer[from + 1] == '\n' ? 2 : -1;
  }

  /** Where a line's content ends: before its LF and any CR right before it. */
  private int contentEnd(int from, int lineEnd) {
    int e = lineEnd;
    if (e > from && buffer[e - 1] == '\n') {
      e--;
    }
    if (e > from && buffer[e - 1] == '\r') {
      e--;
    }
    return e;
  }

  private int indexOf(byte b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (buffer[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private String text(int from, int to) throws BadRequest {
    for (int i = from; i < to; i++) {
      int b = buffer[i] & 0xff;
      if (b < 0x20 || b == 0x7f) {
        throw new BadRequest(400, "Control character in a request head");
      }
    }
    return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Field values are ISO-8859-1 on the wire; controls other than tab are refused. */
  private String valueText(int from, int to) throws BadRequest {
    for (int i = from; i < to; i++) {
      int b = buffer[i] & 0xff;
      if ((b < 0x20 && b != '\t') || b == 0x7f) {
        throw new BadRequest(400, "Control character in a header field");
      }
    }
    return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private void compact() {
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
  }

  /** Reads more into the buffer; the count read, or -1 at the end of the stream. */
  private int fill() throws IOException {
    activity.blocking();
    try {
      return fillWithin();
    } finally {
      activity.done();
    }
  }

  /** {@link #fill()} under a deadline the caller has set. */
  private int fillWithin() throws IOException {
    if (limit == buffer.length) {
      compact();
    }
    int n = socket.read(buffer, limit, buffer.length - limit);
    if (n > 0) {
      limit += n;
    }
    return n;
  }

  /** Whether bytes of a next request already sit in the buffer. */
  boolean buffered() {
    return position < limit;
  }

  /** Up to {@code max} bytes into {@code into}; -1 at the end of the stream. */
  int read(byte[] into, int offset, int max) throws IOException {
    if (max == 0) {
      return 0;
    }
    if (position == limit) {
      if (max >= buffer.length) {
        // A large read goes straight to the caller's array.
        activity.blocking();
        try {
          return socket.read(into, offset, max);
        } finally {
          activity.done();
        }
      }
      position = 0;
      limit = 0;
      if (fill() < 0) {
        return -1;
      }
    }
    int n = Math.min(max, limit - position);
    System.arraycopy(buffer, position, into, offset, n);
    position += n;
    return n;
  }

  /** One byte, or -1 at the end of the stream. */
  int read() throws IOException {
    if (position == limit) {
      position = 0;
      limit = 0;
      if (fill() < 0) {
        return -1;
      }
    }
    return buffer[position++] & 0xff;
  }

  /** A line of a chunked body's framing, without its line break; at most {@code max} bytes. */
  String readLine(int max) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = read();
      if (b < 0) {
        throw new java.io.EOFException("Connection closed inside a chunked body");
      }
      if (b == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      if (line.length() >= max) {
        throw new BadRequest(400, "Chunk framing line too long");
      }
      if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
        throw new BadRequest(400, "Bare CR in chunk framing");
      }
      line.append((char) b);
    }
  }
}
