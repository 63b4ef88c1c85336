package dev.gatehouse.server.container;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response body on its way to the socket. It is held until the buffer fills, the servlet flushes
 * or the response completes: a body that fits goes out in one write with its head and a
 * Content-Length; a longer or flushed one is sent chunked (or to the end of the connection for an
 * HTTP/1.0 client), unless the servlet declared its length.
 */
final class ResponseOutput extends ServletOutputStream {
  /** Space kept before the body for the head or a chunk's size line, so each goes in one write. */
  private static final int ROOM = 1024;

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream socket;
  private final ConnectionInput.Activity activity;
  private final Buffer shared;
  private final ContainerResponse response;
  private final boolean noBody;
  private byte[] buffer;
  private final int capacity;
  private int count;
  private long written;

  /** The Content-Length the head announced, held to; -1 when the body is chunked or absent. */
  private long fixedLength = -1;

  private boolean committed;
  private boolean chunked;

  /** Volatile: a stream another thread kept must see it closed before the buffer is lent on. */
  private volatile boolean closed;

  /**
   * The connection's output buffer, lent to one response at a time and made on first use, so that a
   * connection that never answers (or is idle) holds none.
   */
  static final class Buffer {
    private final int size;
    private byte[] bytes;

    Buffer(int size) {
      this.size = size;
    }

    int size() {
      return size;
    }

    byte[] bytes() {
      if (bytes == null) {
        bytes = new byte[ROOM + size + CRLF.length];
      }
      return bytes;
    }
  }

  /**
   * An output for one response. Once it is closed it refuses writes, so a stream a servlet kept
   * past its response cannot write into the next one on the connection.
   */
  ResponseOutput(
      OutputStream socket,
      ConnectionInput.Activity activity,
      Buffer shared,
      ContainerResponse response,
      boolean headRequest) {
    this.socket = socket;
    this.activity = activity;
    this.shared = shared;
    this.capacity = shared.size();
    this.response = response;
    this.noBody = headRequest;
  }

  private byte[] buffer() {
    if (buffer == null) {
      buffer = shared.bytes();
    }
    return buffer;
  }

  boolean committed() {
    return committed;
  }

  boolean closed() {
    return closed;
  }

  int bufferSize() {
    return capacity;
  }

  /** Drops what is buffered; false when the head already went out. */
  boolean discardBuffer() {
    if (committed) {
      return false;
    }
    count = 0;
    return true;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (count == capacity) {
      send(false);
    }
    buffer()[ROOM + count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      if (count == capacity) {
        send(false);
      }
      int n = Math.min(len, capacity - count);
      System.arraycopy(b, off, buffer(), ROOM + count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    if (!closed) {
      send(false);
      socket.flush();
    }
  }

  /** Completes the response: what is buffered goes out, and a chunked body gets its last chunk. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      send(true);
      closed = true;
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("The response is complete");
    }
  }

  /** Writes the head if not yet written and the buffered body; {@code last} ends the body. */
  private void send(boolean last) throws IOException {
    byte[] buffer = buffer();
    int start = ROOM;
    int end = ROOM + count;
    boolean bodyAllowed = !noBody && response.bodyAllowed();
    if (!committed) {
      long declared = response.declaredLength();
      if (!response.bodyAllowed()) {
        declared = -1;
      } else if (last && declared < 0) {
        // A HEAD answer states the length its GET would have had, when known.
        declared = count;
      }
      chunked = bodyAllowed && declared < 0 && !response.http10();
      fixedLength = bodyAllowed && !chunked ? declared : -1;
      checkLength(last);
      byte[] head = response.renderHead(declared, chunked, bodyAllowed);
      committed = true;
      if (!bodyAllowed) {
        count = 0;
        end = start;
      }
      if (chunked && count > 0) {
        start = chunkHeader(start, count);
        end = chunkTrailer(end);
      }
      if (head.length <= start) {
        start -= head.length;
        System.arraycopy(head, 0, buffer, start, head.length);
      } else {
        writeOut(head, 0, head.length);
      }
    } else if (!bodyAllowed) {
      count = 0;
      end = start;
    } else {
      checkLength(last);
      if (chunked && count > 0) {
        start = chunkHeader(start, count);
        end = chunkTrailer(end);
      }
    }
    written += count;
    if (last && chunked) {
      if (end + LAST_CHUNK.length <= buffer.length) {
        System.arraycopy(LAST_CHUNK, 0, buffer, end, LAST_CHUNK.length);
        end += LAST_CHUNK.length;
      } else {
        writeOut(buffer, start, end - start);
        System.arraycopy(LAST_CHUNK, 0, buffer, 0, LAST_CHUNK.length);
        start = 0;
        end = LAST_CHUNK.length;
      }
    }
    if (end > start) {
      writeOut(buffer, start, end - start);
    }
    count = 0;
  }

  /**
   * Holds a body with a Content-Length to it: more bytes than declared would be read as the next
   * response, fewer would leave the client waiting, so either fails the response.
   */
  private void checkLength(boolean last) throws IOException {
    if (fixedLength < 0 || noBody) {
      return;
    }
    if (written + count > fixedLength) {
      throw new IOException(
          "The body is longer than its Content-Length of " + fixedLength + " bytes");
    }
    if (last && written + count < fixedLength) {
      throw new IOException(
          "The body is shorter than its Content-Length of " + fixedLength + " bytes");
    }
  }

  /** Puts "size CRLF" just before the data at {@code start}; returns the new start. */
  private int chunkHeader(int start, int size) {
    byte[] buffer = buffer();
    String hex = Integer.toHexString(size);
    int at = start - CRLF.length - hex.length();
    for (int i = 0; i < hex.length(); i++) {
      buffer[at + i] = (byte) hex.charAt(i);
    }
    buffer[start - 2] = '\r';
    buffer[start - 1] = '\n';
    return at;
  }

  private int chunkTrailer(int end) {
    byte[] buffer = buffer();
    buffer[end] = '\r';
    buffer[end + 1] = '\n';
    return end + 2;
  }

  private void writeOut(byte[] bytes, int off, int len) throws IOException {
    activity.blocking();
    try {
      socket.write(bytes, off, len);
    } finally {
      activity.done();
    }
  }

  long written() {
    return written;
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public void setWriteListener(WriteListener listener) {
    throw new IllegalStateException("This server writes responses blocking only");
  }
}
