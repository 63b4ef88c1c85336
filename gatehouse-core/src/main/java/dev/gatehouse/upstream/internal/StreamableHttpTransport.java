package dev.gatehouse.upstream.internal;

import dev.gatehouse.httpclient.HttpRequest;
import dev.gatehouse.httpclient.HttpResponse;
import dev.gatehouse.modern.McpHeaders;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.protocol.StreamedResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streamable HTTP transport: every message is a POST whose answer is JSON or an SSE stream;
 * after initialization a GET stream carries what the server sends on its own. The session id the
 * server gave with the initialize answer goes on every later request, and a 404 to it means the
 * server forgot the session. Told a stateless revision (2026-07-28), it sends no session id, opens
 * no GET stream, mirrors the method and name into headers, and cancels by closing the stream.
 */
public final class StreamableHttpTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(StreamableHttpTransport.class);
  private static final Duration SHORT_REQUEST = Duration.ofSeconds(30);
  private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(2);
  private static final long DEFAULT_RETRY_MILLIS = 1_000;
  private static final long MAX_RETRY_MILLIS = 30_000;
  private static final int MAX_RESUMES = 5;

  private final String name;
  private final URI url;
  private final Executor executor;
  private final HttpChannel http;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ConcurrentHashMap<Long, InputStream> responseStreams = new ConcurrentHashMap<>();
  private volatile TransportSink sink;
  private volatile String sessionId;
  private volatile String protocolVersion;
  private volatile boolean broken;
  private volatile InputStream listenStream;

  public StreamableHttpTransport(
      String name,
      URI url,
      Map<String, String> headers,
      Executor executor,
      Duration connectTimeout) {
    this.name = name;
    this.url = url;
    this.executor = executor;
    this.http = new HttpChannel(headers, connectTimeout);
  }

  @Override
  public void open(TransportSink sink) {
    this.sink = sink;
  }

  @Override
  public CompletableFuture<Void> send(Message message) {
    if (stateless()
        && message instanceof dev.gatehouse.protocol.Notification notification
        && McpMethods.CANCELLED.equals(notification.method())) {
      // In 2026-07-28 closing the response stream (release) is the cancellation over HTTP.
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> accepted = new CompletableFuture<>();
    executor.execute(() -> post(message, accepted, 0));
    return accepted;
  }

  /** POSTs the request and reads its answer (JSON or the response stream) right here. */
  @Override
  public boolean exchange(Request request, long deadlineNanos) {
    post(request, new CompletableFuture<>(), deadlineNanos);
    return true;
  }

  @Override
  public void negotiated(String version) {
    protocolVersion = version;
  }

  @Override
  public void initialized() {
    executor.execute(this::listen);
  }

  @Override
  public void release(long requestId) {
    InputStream stream = responseStreams.remove(requestId);
    if (stream != null) {
      HttpChannel.discard(stream);
    }
  }

  @Override
  public String describe() {
    return "http: " + url;
  }

  /** The session id the server assigned, if it did. */
  public Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    responseStreams.values().forEach(HttpChannel::discard);
    InputStream listening = listenStream;
    if (listening != null) {
      HttpChannel.discard(listening);
    }
    String session = sessionId;
    if (session != null && !broken) {
      try {
        HttpResponse response =
            http.send(withSession(http.request(url)).timeout(DELETE_TIMEOUT).DELETE().build());
        HttpChannel.discard(response.body());
      } catch (IOException | TransportException e) {
        log.debug("{}: DELETE of the session failed: {}", name, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    http.close();
  }

  /**
   * Sends one message and handles what comes back.
   *
   * @param deadline when a caller reading on its own thread gives up (System.nanoTime); 0 for none
   */
  private void post(Message message, CompletableFuture<Void> accepted, long deadline) {
    boolean isInitialize = message instanceof Request r && McpMethods.INITIALIZE.equals(r.method());
    OptionalLong requestId =
        message instanceof Request r ? LiveSession.idOf(r.id()) : OptionalLong.empty();
    HttpResponse response;
    try {
      HttpRequest.Builder builder =
          withSession(http.request(url))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .POST(Json.bytes(message.json()));
      if (stateless()) {
        standardHeaders(builder, message);
      }
      if (!(message instanceof Request)) {
        builder.timeout(SHORT_REQUEST);
      }
      if (deadline != 0) {
        builder.deadline(deadline);
      }
      response = http.send(builder.build());
    } catch (TransportException e) {
      accepted.completeExceptionally(e);
      requestId.ifPresent(id -> sink.onRequestFailed(id, e));
      return;
    } catch (IOException e) {
      accepted.completeExceptionally(new TransportException(HttpChannel.describe(e), e));
      if (!gaveUp(deadline)) {
        lost("cannot reach " + url + ": " + HttpChannel.describe(e));
      }
      return;
    } catch (InterruptedException e) {
      accepted.completeExceptionally(new TransportException("interrupted"));
      Thread.currentThread().interrupt();
      return;
    }
    int status = response.statusCode();
    if (isInitialize && HttpChannel.isSuccess(status)) {
      response.headers().firstValue("mcp-session-id").ifPresent(id -> sessionId = id);
    }
    if (status == 404 && sessionId != null && !isInitialize) {
      HttpChannel.discard(response.body());
      accepted.completeExceptionally(new TransportException("session expired", 404, null));
      expired();
      return;
    }
    if (!HttpChannel.isSuccess(status)) {
      String body = HttpChannel.bodySnippet(response.body());
      String text = HttpChannel.statusText(status, body);
      TransportException failure = new TransportException(text, status, null);
      accepted.completeExceptionally(failure);
      if (requestId.isPresent()) {
        // A JSON-RPC error for this very request is the answer, whatever the status says.
        Optional<Message> answer =
            HttpChannel.parseMessages(body).stream()
                .filter(inbound -> answers(inbound, requestId.getAsLong()))
                .findFirst();
        if (answer.isPresent()) {
          sink.onMessage(answer.get(), Arrival.responseStreamOf(requestId.getAsLong()));
        } else {
          sink.onRequestFailed(requestId.getAsLong(), failure);
        }
      } else {
        log.warn("{}: {} was refused: {}", name, describe(message), text);
      }
      return;
    }
    accepted.complete(null);
    if (requestId.isEmpty()) {
      HttpChannel.discard(response.body());
    } else if (HttpChannel.isEventStream(response)) {
      readResponseStream(response.body(), requestId.getAsLong(), deadline);
    } else {
      readJsonResponse(response, requestId.getAsLong(), deadline);
    }
  }

  private void readJsonResponse(HttpResponse response, long requestId, long deadline) {
    boolean answered = false;
    try {
      for (Message inbound :
          JsonAnswers.read(response.body(), response.contentLength(), requestId)) {
        answered |= answers(inbound, requestId);
        sink.onMessage(inbound, Arrival.responseStreamOf(requestId));
      }
    } catch (IOException e) {
      if (closed.get() || gaveUp(deadline)) {
        return;
      }
      log.debug("{}: reading a response failed: {}", name, e.toString());
    }
    if (!answered && !closed.get() && !gaveUp(deadline)) {
      sink.onRequestFailed(
          requestId,
          new TransportException(
              "HTTP " + response.statusCode() + " without a JSON-RPC response to the request"));
    }
  }

  /**
   * Reads a POST's SSE stream until the response to its request. When the server drops the
   * connection first after numbering its events, the stream is resumed with a GET carrying {@code
   * Last-Event-ID}, as the specification's resumability section describes.
   */
  private void readResponseStream(InputStream first, long requestId, long deadline) {
    InputStream stream = first;
    for (int resumes = 0; ; resumes++) {
      responseStreams.put(requestId, stream);
      SseEventReader reader = new SseEventReader(stream);
      Answer answer = pump(reader, OptionalLong.of(requestId));
      // Removed in every case: an answered stream left in the map would stay there for good.
      boolean released = !responseStreams.remove(requestId, stream);
      if (answer == Answer.STREAMING) {
        // The stream is the result's now: it closes it once the result has been copied or read.
        return;
      }
      HttpChannel.discard(stream);
      if (answer == Answer.CAME || closed.get() || released || gaveUp(deadline)) {
        return;
      }
      Optional<String> lastEventId = reader.lastEventId();
      if (lastEventId.isEmpty() || resumes >= MAX_RESUMES) {
        sink.onRequestFailed(
            requestId, new TransportException("the response stream ended before the response"));
        return;
      }
      if (!pause(reader.retryMillis().orElse(0)) || gaveUp(deadline)) {
        return;
      }
      Optional<InputStream> resumed = resume(lastEventId.get(), requestId, deadline);
      if (resumed.isEmpty()) {
        return;
      }
      stream = resumed.get();
    }
  }

  private Optional<InputStream> resume(String lastEventId, long requestId, long deadline) {
    try {
      HttpRequest.Builder builder =
          withSession(http.request(url))
              .header("Accept", "text/event-stream")
              .header("Last-Event-ID", lastEventId)
              .GET();
      if (deadline != 0) {
        builder.deadline(deadline);
      }
      HttpResponse response = http.send(builder.build());
      if (HttpChannel.isSuccess(response.statusCode()) && HttpChannel.isEventStream(response)) {
        return Optional.of(response.body());
      }
      String text =
          HttpChannel.statusText(response.statusCode(), HttpChannel.bodySnippet(response.body()));
      sink.onRequestFailed(
          requestId, new TransportException("resuming the response stream failed: " + text));
    } catch (IOException e) {
      if (!gaveUp(deadline)) {
        lost("cannot reach " + url + ": " + HttpChannel.describe(e));
      }
    } catch (TransportException e) {
      sink.onRequestFailed(requestId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /**
   * The GET stream for messages the server sends on its own. A 405 means the server offers none.
   * When it ends, it is opened again after the server's {@code retry} delay; when the server cannot
   * be reached any more, the session is lost.
   */
  private void listen() {
    String lastEventId = null;
    int refusals = 0;
    while (!closed.get()) {
      HttpResponse response;
      try {
        HttpRequest.Builder builder =
            withSession(http.request(url)).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
          builder.header("Last-Event-ID", lastEventId);
        }
        response = http.send(builder.build());
      } catch (IOException e) {
        lost("cannot reach " + url + ": " + HttpChannel.describe(e));
        return;
      } catch (TransportException e) {
        log.warn("{}: cannot open the GET stream: {}", name, e.getMessage());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int status = response.statusCode();
      if (status == 405) {
        HttpChannel.discard(response.body());
        log.debug("{}: the server offers no GET stream", name);
        return;
      }
      if (status == 404 && sessionId != null) {
        HttpChannel.discard(response.body());
        expired();
        return;
      }
      if (!HttpChannel.isSuccess(status) || !HttpChannel.isEventStream(response)) {
        String text = HttpChannel.statusText(status, HttpChannel.bodySnippet(response.body()));
        if (++refusals > 3) {
          log.info("{}: giving up on the GET stream after {}", name, text);
          return;
        }
        if (!pause(Math.min(MAX_RETRY_MILLIS, DEFAULT_RETRY_MILLIS << refusals))) {
          return;
        }
        continue;
      }
      refusals = 0;
      listenStream = response.body();
      SseEventReader reader = new SseEventReader(response.body());
      pump(reader, OptionalLong.empty());
      HttpChannel.discard(response.body());
      lastEventId = reader.lastEventId().orElse(lastEventId);
      if (!pause(reader.retryMillis().orElse(DEFAULT_RETRY_MILLIS))) {
        return;
      }
    }
  }

  /** What a response stream gave for its request. */
  private enum Answer {
    NONE,
    CAME,
    /** It came, and its large result is still on the stream (ADR 13). */
    STREAMING
  }

  /**
   * Delivers the stream's messages until the response to {@code requestId}. On a POST's stream an
   * event that holds a large answer is not gathered whole: its result streams on (ADR 13).
   */
  private Answer pump(SseEventReader reader, OptionalLong requestId) {
    int streamFrom = requestId.isPresent() ? JsonAnswers.STREAM_FROM : Integer.MAX_VALUE;
    try {
      Optional<SseEventReader.Event> next;
      while ((next = reader.next(streamFrom)).isPresent()) {
        SseEventReader.Event event = next.get();
        if (!"message".equals(event.type())) {
          if (event.rest().isPresent()) {
            event.rest().get().close();
          }
          continue;
        }
        List<Message> messages =
            event.rest().isPresent()
                ? JsonAnswers.read(event.bytes(), event.rest().get(), requestId.getAsLong())
                : HttpChannel.parseMessages(event.bytes());
        for (Message inbound : messages) {
          boolean answer = requestId.isPresent() && answers(inbound, requestId.getAsLong());
          boolean streaming =
              answer && inbound instanceof Response response && StreamedResult.pending(response);
          if (streaming) {
            event.closeStreamAfterRest();
          }
          sink.onMessage(
              inbound,
              requestId.isPresent()
                  ? Arrival.responseStreamOf(requestId.getAsLong())
                  : Arrival.STANDALONE_STREAM);
          if (answer) {
            return streaming ? Answer.STREAMING : Answer.CAME;
          }
        }
      }
    } catch (IOException e) {
      if (!closed.get()) {
        log.debug("{}: an event stream broke: {}", name, e.toString());
      }
    } catch (RuntimeException e) {
      log.warn("{}: handling an inbound message failed", name, e);
    }
    return Answer.NONE;
  }

  /** Whether the caller reading on this thread has stopped waiting (deadline or interrupt). */
  private static boolean gaveUp(long deadline) {
    return Thread.currentThread().isInterrupted()
        || (deadline != 0 && System.nanoTime() - deadline >= 0);
  }

  private static boolean answers(Message message, long requestId) {
    return message instanceof Response response
        && LiveSession.idOf(response.id()).equals(OptionalLong.of(requestId));
  }

  /** True once the transport speaks a stateless revision (from the discovery probe on). */
  private boolean stateless() {
    String version = protocolVersion;
    return version != null && ProtocolVersion.isStateless(version);
  }

  /** The headers 2026-07-28 mirrors from the body, so intermediaries can route without it. */
  private static void standardHeaders(HttpRequest.Builder builder, Message message) {
    switch (message) {
      case Request request -> {
        builder.header(McpHeaders.METHOD, request.method());
        McpHeaders.nameOf(request)
            .ifPresent(name -> builder.header(McpHeaders.NAME, McpHeaders.encode(name)));
      }
      case dev.gatehouse.protocol.Notification notification ->
          builder.header(McpHeaders.METHOD, notification.method());
      case Response response -> {
        // clients send no responses in this revision
      }
    }
  }

  private HttpRequest.Builder withSession(HttpRequest.Builder builder) {
    String session = sessionId;
    if (session != null) {
      builder.header("Mcp-Session-Id", session);
    }
    String version = protocolVersion;
    if (version != null) {
      builder.header("MCP-Protocol-Version", version);
    }
    return builder;
  }

  private boolean pause(long millis) {
    if (millis <= 0) {
      return !closed.get();
    }
    try {
      Thread.sleep(Math.min(millis, MAX_RETRY_MILLIS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !closed.get();
  }

  private void lost(String reason) {
    if (!closed.get()) {
      broken = true;
      sink.onClosed(reason);
    }
  }

  private void expired() {
    if (!closed.get()) {
      broken = true;
      sink.onSessionExpired();
    }
  }

  private static String describe(Message message) {
    return switch (message) {
      case Request r -> r.method();
      case dev.gatehouse.protocol.Notification n -> n.method();
      case Response r -> "a response";
    };
  }
}
