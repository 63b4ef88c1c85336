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
    if (beforeFirstRead != null) {
      Runnable r = beforeFirstRead;
      beforeFirstRead = null;
      r.run();
    }
    if (chunked && remaining == 0 && !nextChunk()) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("Connection closed inside a request body");
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
    String line = in.readLine(MAX_CHUNK_LINE);
    int semicolon = line.indexOf(';');
    String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
    long length;
    try {
      length = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "Malformed chunk size");
    }
    if (length < 0 || size.isEmpty() || size.length() > 15) {
      throw new BadRequest(400, "Malformed chunk size");
    }
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

  private boolean sawChunk;

  /**
   * Reads and drops what is left, up to {@code max} bytes; true when the body was read to its end.
   */
  boolean drain(long max) throws IOException {
    if (finished) {
      return true;
    }
    if (beforeFirstRead != null) {
      // The client waits for 100 Continue before sending; nobody asked for the body, so it is
      // never sent and the connection cannot be reused.
      return false;
    }
    byte[] skip = new byte[8192];
    long total = 0;
    while (total <= max) {
      int n = read(skip, 0, skip.length);
      if (n < 0) {
        return true;
      }
      total += n;
    }
    return false;
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
