package dev.gatehouse.server.http;

import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.protocol.StreamedResult;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSE stream that answers one POSTed request once the handler sends something before its
 * response. Any thread may send; one writer thread owns the socket, so no lock is held while
 * writing. The final response ends the stream.
 */
final class ResponseStream {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseStream.class);
  private static final Object END = new Object();

  private final HttpServletResponse response;
  private final Duration keepAlive;
  private final Runnable onBroken;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch written = new CountDownLatch(1);
  private volatile boolean broken;

  /** Why the stream broke off mid-message, when it did: the response must be aborted. */
  private volatile IOException brokenOff;

  private ResponseStream(HttpServletResponse response, Duration keepAlive, Runnable onBroken) {
    this.response = response;
    this.keepAlive = keepAlive;
    this.onBroken = onBroken;
  }

  /** Commits the response as an event stream and starts its writer. */
  static ResponseStream open(HttpServletResponse response, Duration keepAlive) {
    return open(response, keepAlive, () -> {});
  }

  /**
   * Like {@link #open(HttpServletResponse, Duration)}; {@code onBroken} runs (on the writer thread)
   * when a write fails because the client went away.
   */
  static ResponseStream open(HttpServletResponse response, Duration keepAlive, Runnable onBroken) {
    ResponseStream stream = new ResponseStream(response, keepAlive, onBroken);
    Thread.ofVirtual().name("gatehouse-sse-writer").start(stream::write);
    return stream;
  }

  /** Queues a message; false when the client is gone. */
  boolean send(Message message) {
    if (broken) {
      return false;
    }
    queue.add(message);
    return true;
  }

  boolean isBroken() {
    return broken;
  }

  /**
   * Sends the final response, then waits until the stream is written out and ended.
   *
   * @throws IOException when an upstream's result broke off while it was being copied into the
   *     stream: the response must be aborted, not ended as if it were whole
   */
  void finish(Response finalResponse) throws InterruptedException, IOException {
    queue.add(finalResponse);
    queue.add(END);
    written.await();
    if (brokenOff != null) {
      throw brokenOff;
    }
  }

  private void write() {
    try {
      SseEvents.begin(response);
      OutputStream out = response.getOutputStream();
      while (true) {
        Object item = queue.poll(keepAlive.toNanos(), TimeUnit.NANOSECONDS);
        if (item == END) {
          return;
        } else if (item instanceof Message message) {
          SseEvents.write(out, message);
        } else {
          SseEvents.keepAlive(out);
        }
      }
    } catch (StreamedResult.BrokenOff e) {
      LOG.warn("Response stream aborted: {}", e.getMessage());
      brokenOff = e;
      broken = true;
      onBroken.run();
      drainUntilEnd();
    } catch (RuntimeException e) {
      // Not the client going away: a message could not be written, so the event in progress is
      // cut; the response is aborted as for a result that broke off.
      LOG.error("Writing the response stream failed", e);
      brokenOff = new IOException("Writing the response stream failed", e);
      broken = true;
      onBroken.run();
      drainUntilEnd();
    } catch (IOException e) {
      // In the session era a client that goes away does not cancel its request (the spec says so):
      // the handler runs on and its remaining messages are dropped. A stateless exchange listens
      // through onBroken, since there closing the stream is the cancellation.
      LOG.debug("Response stream closed early: {}", e.toString());
      broken = true;
      onBroken.run();
      drainUntilEnd();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      broken = true;
    } finally {
      written.countDown();
    }
  }

  private void drainUntilEnd() {
    try {
      Object item;
      while ((item = queue.take()) != END) {
        if (item instanceof Message message) {
          StreamedResult.discard(message);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
