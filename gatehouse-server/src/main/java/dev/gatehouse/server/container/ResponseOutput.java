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
  private final byte[] buffer;
  private final int capacity;
  private ContainerResponse response;
  private int count;
  private long written;
  private boolean committed;
  private boolean chunked;
  private boolean closed;
  private boolean noBody;

  ResponseOutput(OutputStream socket, ConnectionInput.Activity activity, int bufferSize) {
    this.socket = socket;
    this.activity = activity;
    this.capacity = bufferSize;
    this.buffer = new byte[ROOM + bufferSize + CRLF.length];
  }

  /** Readies the output for the next response on the connection. */
  void reset(ContainerResponse next, boolean headRequest) {
    response = next;
    count = 0;
    written = 0;
    committed = false;
    chunked = false;
    closed = false;
    noBody = headRequest;
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
    buffer[ROOM + count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      if (count == capacity) {
        send(false);
      }
      int n = Math.min(len, capacity - count);
      System.arraycopy(b, off, buffer, ROOM + count, n);
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
    } else if (chunked && count > 0) {
      start = chunkHeader(start, count);
      end = chunkTrailer(end);
    }
    written += count;
    if (last && chunked) {
      if (end + LAST_CHUNK.length <= buffer.length) {
        System.arraycopy(LAST_CHUNK, 0, buffer, end, LAST_CHUNK.length);
        end += LAST_CHUNK.length;
      } else {
        writeOut(buffer, start, end - start);
        start = end = 0;
        System.arraycopy(LAST_CHUNK, 0, buffer, 0, LAST_CHUNK.length);
        end = LAST_CHUNK.length;
      }
    }
    if (end > start) {
      writeOut(buffer, start, end - start);
    }
    count = 0;
  }

  /** Puts "size CRLF" just before the data at {@code start}; returns the new start. */
  private int chunkHeader(int start, int size) {
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
