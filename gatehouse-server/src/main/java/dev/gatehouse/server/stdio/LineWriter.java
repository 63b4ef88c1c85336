package dev.gatehouse.server.stdio;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.protocol.StreamedResult;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Writes messages one per line. Any thread may send; a single writer thread owns the stream, so no
 * lock is held while writing and lines never interleave.
 */
final class LineWriter {
  private static final Logger LOG = LoggerFactory.getLogger(LineWriter.class);
  private static final Object END = new Object();

  private final OutputStream out;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  LineWriter(OutputStream out) {
    this.out = out;
    this.thread = Thread.ofVirtual().name("gatehouse-stdio-writer").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /**
   * Queues a message; dropped once the writer is closed. Its line is made here, on the sender's
   * thread: a result still streaming from an upstream is read by the call it answers, and the
   * writer is never held up by one slow upstream.
   */
  void send(Message message) {
    if (closed) {
      LOG.debug("Output closed; dropped a message");
      StreamedResult.discard(message);
      return;
    }
    queue.add(line(message));
  }

  /** Writes out what is queued, then stops; waits at most {@code wait} for a stuck reader. */
  void close(Duration wait) {
    closed = true;
    queue.add(END);
    try {
      thread.join(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The message's JSON. A result still streaming from an upstream is copied into it; when the
   * upstream breaks off, the client gets an error for that id rather than half a line.
   */
  private static byte[] line(Message message) {
    try {
      return Json.bytes(message.json());
    } catch (JacksonException e) {
      if (!(message instanceof Response response)) {
        throw e;
      }
      String why = "Reading the upstream's result failed: " + e.getOriginalMessage();
      LOG.warn("{} (answer to {})", why, response.id());
      GatewayException failure = new GatewayException(ErrorCode.UPSTREAM_ERROR, why);
      return Json.bytes(Response.error(response.id(), failure).json());
    }
  }

  private void run() {
    try {
      while (true) {
        Object item = queue.take();
        if (item == END) {
          out.flush();
          return;
        }
        out.write((byte[]) item);
        out.write('\n');
        if (queue.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      LOG.debug("Output stream failed: {}", e.toString());
      closed = true;
      queue.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
