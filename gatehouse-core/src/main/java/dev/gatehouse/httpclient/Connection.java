package dev.gatehouse.httpclient;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One socket to one origin with its read buffer: writes a request, reads a response head, and
 * serves the body's reads. Used by one exchange at a time; only {@link #close} may come from
 * another thread.
 */
final class Connection {
  private static final int BUFFER_SIZE = 16 * 1024;
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEAD = 64 * 1024;
  private static final int MAX_FIELDS = 200;

  private final Origin origin;

  /** The request line's end and the Host field, the same for every request on this socket. */
  private final String versionAndHost;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;
  private int limit;
  private int exchanges;
  private long idleUntilNanos;
  private volatile long deadlineNanos;
  private volatile boolean expired;
  private volatile boolean closed;

  Connection(Origin origin, Socket socket) throws IOException {
    this.origin = origin;
    this.versionAndHost = " HTTP/1.1\r\nHost: " + origin.hostHeader() + "\r\n";
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  Origin origin() {
    return origin;
  }

  /** Whether an exchange ran on it before: a reused socket may have been closed by the server. */
  boolean reused() {
    return exchanges > 0;
  }

  boolean isClosed() {
    return closed;
  }

  /** Kept idle until this time (System.nanoTime), then dropped. */
  long idleUntilNanos() {
    return idleUntilNanos;
  }

  void idleUntil(long nanos) {
    this.idleUntilNanos = nanos;
  }

  /** Closes the socket; safe from any thread, wakes a reader blocked on it. */
  void close() {
    closed = true;
    Deadlines.forget(this);
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  /** Writes the request line, the headers and the body in as few writes as the sizes allow. */
  void write(HttpRequest request) throws IOException {
    exchanges++;
    byte[] head = head(request);
    byte[] body = request.body();
    if (head.length + body.length <= BUFFER_SIZE) {
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      out.write(all);
    } else {
      out.write(head);
      out.write(body);
    }
    out.flush();
  }

  private byte[] head(HttpRequest request) {
    StringBuilder text = new StringBuilder(256);
    String path = request.uri().getRawPath();
    text.append(request.method()).append(' ').append(path == null || path.isEmpty() ? "/" : path);
    if (request.uri().getRawQuery() != null) {
      text.append('?').append(request.uri().getRawQuery());
    }
    text.append(versionAndHost);
    boolean agent = false;
    for (HttpHeaders.Field field : request.headers().fields()) {
      text.append(field.name()).append(": ").append(field.value()).append("\r\n");
      agent |= field.name().equalsIgnoreCase("user-agent");
    }
    if (!agent) {
      text.append("User-Agent: gatehouse\r\n");
    }
    if (request.body().length > 0 || request.method().equals("POST")) {
      text.append("Content-Length: ").append(request.body().length).append("\r\n");
    }
    text.append("\r\n");
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The status line and header fields of a response.
   *
   * @param persistent whether the protocol version keeps the connection open by default (HTTP/1.1
   *     does, HTTP/1.0 does not)
   */
  record Head(int status, HttpHeaders headers, boolean persistent) {}

  /**
   * Reads a response head, skipping interim (1xx) ones.
   *
   * @param deadlineNanos when to give up waiting (System.nanoTime), or 0 for never
   * @throws NoAnswerException when the connection ended before the first byte of an answer
   */
  Head readHead(long deadlineNanos) throws IOException {
    deadline(deadlineNanos);
    boolean first = true;
    while (true) {
      Head head = readOneHead(first);
      first = false;
      if (head.status() >= 200 || head.status() == 101) {
        return head;
      }
    }
  }

  /**
   * Reads fail with {@link HttpTimeoutException} from this time on (System.nanoTime); 0 waits as
   * long as it takes.
   */
  void deadline(long nanos) {
    this.deadlineNanos = nanos;
    if (nanos != 0) {
      Deadlines.watch(this);
    } else {
      Deadlines.forget(this);
    }
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  /** The deadline passed: the socket is closed, and the blocked read fails as a timeout. */
  void expire() {
    expired = true;
    close();
  }

  private Head readOneHead(boolean first) throws IOException {
    if (first && !fillOrNoAnswer()) {
      throw new NoAnswerException(new EOFException("the server closed the connection"));
    }
    int budget = MAX_HEAD;
    String statusLine = readLine();
    budget -= statusLine.length();
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer: " + abbreviate(statusLine));
    }
    int status;
    try {
      status = Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("malformed status line: " + abbreviate(statusLine));
    }
    List<HttpHeaders.Field> fields = new ArrayList<>(12);
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      budget -= line.length();
      if (budget < 0 || fields.size() >= MAX_FIELDS) {
        throw new IOException("the response head is too large");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new IOException("malformed header line: " + abbreviate(line));
      }
      fields.add(
          new HttpHeaders.Field(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
    return new Head(status, HttpHeaders.of(fields), !statusLine.startsWith("HTTP/1.0"));
  }

  /** Fills the buffer for the first byte of an answer; false when the server closed first. */
  private boolean fillOrNoAnswer() throws IOException {
    if (position < limit) {
      return true;
    }
    try {
      return fill();
    } catch (HttpTimeoutException e) {
      throw e;
    } catch (IOException e) {
      // Reset, broken pipe: the server dropped the connection before answering.
      throw new NoAnswerException(e);
    }
  }

  /** A CRLF- (or LF-) terminated line in Latin-1, without the terminator. */
  String readLine() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (position >= limit && !fill()) {
        throw new EOFException("the connection closed in the middle of a response head");
      }
      int start = position;
      int end = start;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      if (end < limit) {
        position = end + 1;
        int stop = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
        if (line == null) {
          return new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
        }
        line.append(new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1));
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
          line.setLength(length - 1);
        }
        return line.toString();
      }
      if (line == null) {
        line = new StringBuilder(128);
      }
      line.append(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
      position = end;
      if (line.length() > MAX_LINE) {
        throw new IOException("a line of the response is too long");
      }
    }
  }

  /** Expects an empty line (after a chunk's data). */
  void readCrlf() throws IOException {
    String line = readLine();
    if (!line.isEmpty()) {
      throw new IOException("malformed chunked body: expected a line break");
    }
  }

  /** How many bytes wait in the buffer. */
  int buffered() {
    return limit - position;
  }

  /** Whether the buffer holds a whole line (so reading it will not block). */
  boolean hasBufferedLine() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return true;
      }
    }
    return false;
  }

  /** One byte, or -1 at the end of the stream. */
  int read() throws IOException {
    if (position >= limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xFF;
  }

  /**
   * Up to {@code length} bytes: from the buffer when it holds any, else straight from the socket
   * into {@code target} for large reads (no copy through the buffer). -1 at the end of the stream.
   */
  int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position < limit) {
      int n = Math.min(length, limit - position);
      System.arraycopy(buffer, position, target, offset, n);
      position += n;
      return n;
    }
    if (length >= BUFFER_SIZE) {
      try {
        return in.read(target, offset, length);
      } catch (IOException e) {
        throw expired ? new HttpTimeoutException("request timed out") : e;
      }
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, limit - position);
    System.arraycopy(buffer, position, target, offset, n);
    position += n;
    return n;
  }

  /** Skips up to {@code count} buffered bytes without reading the socket. */
  int skipBuffered(int count) {
    int n = Math.min(count, limit - position);
    position += n;
    return n;
  }

  private boolean fill() throws IOException {
    long deadline = deadlineNanos;
    if (deadline != 0 && System.nanoTime() - deadline >= 0) {
      throw new HttpTimeoutException("request timed out");
    }
    int n;
    try {
      n = in.read(buffer, 0, buffer.length);
    } catch (IOException e) {
      throw expired ? new HttpTimeoutException("request timed out") : e;
    }
    if (n < 0) {
      if (expired) {
        throw new HttpTimeoutException("request timed out");
      }
      position = limit = 0;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  /** The connection ended before any byte of the answer came back. */
  static final class NoAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    NoAnswerException(IOException cause) {
      super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    }
  }

  @Override
  public String toString() {
    return "connection to " + origin + (closed ? " (closed)" : "");
  }
}
