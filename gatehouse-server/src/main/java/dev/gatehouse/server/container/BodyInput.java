package dev.gatehouse.server.container;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A request body as its framing delimits it: a Content-Length, chunked transfer coding, or none.
 * The first read of a request that asked for {@code Expect: 100-continue} sends the interim answer.
 */
final class BodyInput extends ServletInputStream {
  private static final int MAX_CHUNK_LINE = 1024;

  private final ConnectionInput in;
  private final boolean chunked;
  private Runnable beforeFirstRead;

  /** Bytes left in the body (fixed length) or in the current chunk (chunked); -1 when done. */
  private long remaining;

  private boolean finished;
  private boolean sawChunk;

  /**
   * A read failed part way: the framing is lost, so the connection cannot carry another request.
   */
  private boolean failed;

  private BodyInput(ConnectionInput in, boolean chunked, long length, Runnable beforeFirstRead) {
    this.in = in;
    this.chunked = chunked;
    this.remaining = length;
    this.finished = !chunked && length == 0;
    this.beforeFirstRead = beforeFirstRead;
  }

  static BodyInput empty(ConnectionInput in) {
    return new BodyInput(in, false, 0, null);
  }

  static BodyInput fixed(ConnectionInput in, long length, Runnable beforeFirstRead) {
    return new BodyInput(in, false, length, beforeFirstRead);
  }

  static BodyInput chunked(ConnectionInput in, Runnable beforeFirstRead) {
    return new BodyInput(in, true, 0, beforeFirstRead);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (finished) {
      return -1;
    }
    if (failed) {
      throw new IOException("The request body could not be read");
    }
    if (beforeFirstRead != null) {
      Runnable r = beforeFirstRead;
      beforeFirstRead = null;
      r.run();
    }
    int n;
    try {
      if (chunked && remaining == 0 && !nextChunk()) {
        return -1;
      }
      n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new EOFException("Connection closed inside a request body");
      }
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
    remaining -= n;
    if (!chunked && remaining == 0) {
      finished = true;
    }
    return n;
  }

  /** Reads the next chunk's size line; false (and finished) after the last chunk. */
  private boolean nextChunk() throws IOException {
    if (remaining == 0 && sawChunk) {
      String end = in.readLine(MAX_CHUNK_LINE);
      if (!end.isEmpty()) {
        throw new BadRequest(400, "Malformed chunked body");
      }
    }
    long length = chunkSize(in.readLine(MAX_CHUNK_LINE));
    sawChunk = true;
    if (length == 0) {
      // Trailer fields, if any, end with an empty line; they are read and dropped.
      for (int i = 0; !in.readLine(8 * MAX_CHUNK_LINE).isEmpty(); i++) {
        if (i > 100) {
          throw new BadRequest(400, "Too many trailer fields");
        }
      }
      finished = true;
      return false;
    }
    remaining = length;
    return true;
  }

  /**
   * The size of a chunk-size line: hexadecimal digits only, then optionally blanks and extensions
   * (which are ignored). Signs, blanks before the digits and other leniencies that a proxy in front
   * might read differently are refused.
   */
  static long chunkSize(String line) throws BadRequest {
    int end = 0;
    while (end < line.length() && isHex(line.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 15) {
      throw new BadRequest(400, "Malformed chunk size");
    }
    int rest = end;
    while (rest < line.length() && (line.charAt(rest) == ' ' || line.charAt(rest) == '\t')) {
      rest++;
    }
    if (rest < line.length() && line.charAt(rest) != ';') {
      throw new BadRequest(400, "Malformed chunk size");
    }
    return Long.parseLong(line, 0, end, 16);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * Reads and drops what is left, up to {@code max} bytes; true when the body was read to its end.
   */
  boolean drain(long max) throws IOException {
    if (finished) {
      return true;
    }
    if (failed) {
      return false;
    }
    if (beforeFirstRead != null) {
      // The client waits for 100 Continue before sending; nobody asked for the body, so it is
      // never sent and the connection cannot be reused.
      return false;
    }
    byte[] skip = new byte[8192];
    long total = 0;
    try {
      while (total <= max) {
        int n = read(skip, 0, skip.length);
        if (n < 0) {
          return true;
        }
        total += n;
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  /** Whether the client still waits for 100 Continue before it sends the body. */
  boolean awaitingContinue() {
    return beforeFirstRead != null;
  }

  /** Bytes of a fixed-length body not read yet; -1 for a chunked one. */
  long unread() {
    return chunked ? -1 : remaining;
  }

  @Override
  public boolean isFinished() {
    return finished;
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public void setReadListener(ReadListener listener) {
    throw new IllegalStateException("This server reads request bodies blocking only");
  }
}
