package dev.gatehouse.httpclient;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The body of one response, framed by Content-Length, chunked, or running until the server closes.
 * At its end the connection goes back to the pool at once (or is closed when it cannot carry
 * another exchange). Closing it before the end closes the connection, unless the thread that sent
 * the request closes it with the rest already buffered, which is then skipped.
 */
final class ResponseBody extends InputStream {
  private static final int OPEN = 0;
  private static final int DONE = 1;
  private static final int ABORTED = 2;

  private enum Framing {
    FIXED,
    CHUNKED,
    UNTIL_CLOSE
  }

  private final Connection connection;
  private final ConnectionPool pool;
  private final Framing framing;
  private final boolean keepAlive;
  private final long idleNanos;
  private final long declaredLength;
  private final Thread owner;
  private final AtomicInteger state = new AtomicInteger(OPEN);
  private long remaining;
  private boolean chunkDataRead;

  private ResponseBody(
      Connection connection,
      ConnectionPool pool,
      Framing framing,
      long length,
      boolean keepAlive,
      long idleNanos,
      Thread owner) {
    this.connection = connection;
    this.pool = pool;
    this.framing = framing;
    this.keepAlive = keepAlive;
    this.idleNanos = idleNanos;
    this.declaredLength = framing == Framing.FIXED ? length : -1;
    this.remaining = framing == Framing.FIXED ? length : 0;
    this.owner = owner;
  }

  /** The body that follows {@code head}, read on {@code connection}. */
  static ResponseBody of(
      Connection connection, ConnectionPool pool, Connection.Head head, String requestMethod)
      throws IOException {
    HttpHeaders headers = head.headers();
    boolean keepAlive =
        head.persistent()
            ? !headers.hasToken("connection", "close")
            : headers.hasToken("connection", "keep-alive");
    long idle = pool.idleNanos(headers);
    Thread owner = Thread.currentThread();
    int status = head.status();
    ResponseBody body;
    if (requestMethod.equals("HEAD") || status == 204 || status == 304 || status < 200) {
      body = new ResponseBody(connection, pool, Framing.FIXED, 0, keepAlive, idle, owner);
    } else if (headers
        .firstValue("transfer-encoding")
        .map(v -> v.toLowerCase(Locale.ROOT).strip().endsWith("chunked"))
        .orElse(false)) {
      body = new ResponseBody(connection, pool, Framing.CHUNKED, -1, keepAlive, idle, owner);
    } else if (headers.firstValue("content-length").isPresent()) {
      long length = headers.firstValueAsLong("content-length").orElse(-1);
      if (length < 0) {
        throw new IOException("malformed Content-Length: " + headers.firstValue("content-length"));
      }
      body = new ResponseBody(connection, pool, Framing.FIXED, length, keepAlive, idle, owner);
    } else {
      body = new ResponseBody(connection, pool, Framing.UNTIL_CLOSE, -1, false, idle, owner);
    }
    if (body.framing == Framing.FIXED && body.remaining == 0) {
      body.finish();
    }
    return body;
  }

  long declaredLength() {
    return declaredLength;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, target.length);
    int current = state.get();
    if (current == DONE) {
      return -1;
    }
    if (current == ABORTED) {
      throw new IOException("the response body was closed");
    }
    if (length == 0) {
      return 0;
    }
    try {
      return switch (framing) {
        case FIXED -> readFixed(target, offset, length);
        case CHUNKED -> readChunked(target, offset, length);
        case UNTIL_CLOSE -> readUntilClose(target, offset, length);
      };
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  private int readFixed(byte[] target, int offset, int length) throws IOException {
    int n = connection.read(target, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw new EOFException(
          "the connection closed after "
              + (declaredLength - remaining)
              + " of "
              + declaredLength
              + " bytes");
    }
    remaining -= n;
    if (remaining == 0) {
      finish();
    }
    return n;
  }

  private int readChunked(byte[] target, int offset, int length) throws IOException {
    if (remaining == 0 && !nextChunk(false)) {
      return -1;
    }
    int n = connection.read(target, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw new EOFException("the connection closed in the middle of a chunk");
    }
    remaining -= n;
    return n;
  }

  /**
   * Reads up to the next chunk's data; false (and the body finished) at the last chunk.
   *
   * @param bufferedOnly give up (returning false, nothing finished) rather than read the socket
   */
  private boolean nextChunk(boolean bufferedOnly) throws IOException {
    if (chunkDataRead) {
      if (bufferedOnly && !connection.hasBufferedLine()) {
        return false;
      }
      connection.readCrlf();
      chunkDataRead = false;
    }
    if (bufferedOnly && !connection.hasBufferedLine()) {
      return false;
    }
    String line = connection.readLine();
    int semicolon = line.indexOf(';');
    String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
    long chunk;
    try {
      chunk = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunk size: " + size);
    }
    if (chunk < 0) {
      throw new IOException("malformed chunk size: " + size);
    }
    if (chunk == 0) {
      // Trailer fields, then the empty line that ends the body.
      while (true) {
        if (bufferedOnly && !connection.hasBufferedLine()) {
          return false;
        }
        if (connection.readLine().isEmpty()) {
          break;
        }
      }
      finish();
      return false;
    }
    remaining = chunk;
    chunkDataRead = true;
    return true;
  }

  private int readUntilClose(byte[] target, int offset, int length) throws IOException {
    int n = connection.read(target, offset, length);
    if (n < 0) {
      finish();
    }
    return n;
  }

  @Override
  public int available() {
    if (state.get() != OPEN) {
      return 0;
    }
    int buffered = connection.buffered();
    return framing == Framing.UNTIL_CLOSE ? buffered : (int) Math.min(buffered, remaining);
  }

  /**
   * Ends the body. The thread that sent the request may end it cleanly when the rest is already
   * buffered (a trailing line break after a JSON value, the last chunk); anything else closes the
   * connection, which also stops a reader blocked on it.
   */
  @Override
  public void close() {
    if (state.get() != OPEN) {
      return;
    }
    if (Thread.currentThread() == owner && skipBufferedRest()) {
      return;
    }
    abort();
  }

  private boolean skipBufferedRest() {
    try {
      return switch (framing) {
        case FIXED -> {
          if (remaining > connection.buffered()) {
            yield false;
          }
          connection.skipBuffered((int) remaining);
          remaining = 0;
          finish();
          yield true;
        }
        case CHUNKED -> {
          while (remaining > 0 || state.get() == OPEN) {
            if (remaining > 0) {
              if (remaining > connection.buffered()) {
                yield false;
              }
              connection.skipBuffered((int) remaining);
              remaining = 0;
            }
            if (!nextChunk(true) && state.get() == OPEN) {
              yield false;
            }
          }
          yield state.get() == DONE;
        }
        case UNTIL_CLOSE -> false;
      };
    } catch (IOException e) {
      return false;
    }
  }

  private void finish() {
    if (state.compareAndSet(OPEN, DONE)) {
      connection.deadline(0);
      if (keepAlive && framing != Framing.UNTIL_CLOSE) {
        pool.release(connection, idleNanos);
      } else {
        pool.discard(connection);
      }
    }
  }

  private void abort() {
    if (state.compareAndSet(OPEN, ABORTED)) {
      pool.discard(connection);
    }
  }
}
