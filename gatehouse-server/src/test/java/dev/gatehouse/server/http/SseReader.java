package dev.gatehouse.server.http;

import dev.gatehouse.protocol.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Reads an SSE response on a background thread and hands out its events one by one. */
final class SseReader implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(20);

  final HttpResponse<Stream<String>> response;
  private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<String> comments = new LinkedBlockingQueue<>();
  private volatile boolean ended;

  SseReader(HttpResponse<Stream<String>> response) {
    this.response = response;
    Thread.ofVirtual().start(this::read);
  }

  private void read() {
    try {
      Iterator<String> lines = response.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.startsWith("data:") && line.length() > 5) {
          events.add(Json.parse(line.substring(5).trim()));
        } else if (line.startsWith(":")) {
          comments.add(line);
        }
      }
    } catch (RuntimeException e) {
      // closed by the test or by the server
    } finally {
      ended = true;
    }
  }

  /** The next event; fails the test when none comes within a generous time. */
  JsonNode next() {
    try {
      JsonNode event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        throw new AssertionError("no SSE event arrived");
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for a keep-alive comment. */
  String nextComment() {
    try {
      String comment = comments.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (comment == null) {
        throw new AssertionError("no SSE comment arrived");
      }
      return comment;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  boolean ended() {
    return ended;
  }

  boolean hasEvents() {
    return !events.isEmpty();
  }

  @Override
  public void close() {
    response.body().close();
  }
}
