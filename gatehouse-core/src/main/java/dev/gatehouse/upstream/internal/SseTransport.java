package dev.gatehouse.upstream.internal;

import dev.gatehouse.httpclient.HttpResponse;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Request;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP+SSE transport of protocol 2024-11-05: a GET opens an event stream whose first {@code
 * endpoint} event names the URL to POST messages to; every answer comes back on the event stream.
 * The stream ending means the session is gone.
 */
public final class SseTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(SseTransport.class);
  private static final Duration POST_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final URI url;
  private final Executor executor;
  private final Duration endpointTimeout;
  private final HttpChannel http;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
  private volatile TransportSink sink;
  private volatile InputStream stream;

  public SseTransport(
      String name,
      URI url,
      Map<String, String> headers,
      Executor executor,
      Duration endpointTimeout) {
    this.name = name;
    this.url = url;
    this.executor = executor;
    this.endpointTimeout = endpointTimeout;
    this.http = new HttpChannel(headers, endpointTimeout);
  }

  @Override
  public void open(TransportSink sink) throws TransportException {
    this.sink = sink;
    HttpResponse response;
    try {
      response = http.send(http.request(url).header("Accept", "text/event-stream").GET().build());
    } catch (IOException e) {
      throw new TransportException("cannot reach " + url + ": " + HttpChannel.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while connecting");
    }
    int status = response.statusCode();
    if (!HttpChannel.isSuccess(status)) {
      String text = HttpChannel.statusText(status, HttpChannel.bodySnippet(response.body()));
      throw new TransportException("GET " + url + " answered " + text, status, null);
    }
    if (!HttpChannel.isEventStream(response)) {
      HttpChannel.discard(response.body());
      throw new TransportException(
          "GET "
              + url
              + " answered "
              + response.headers().firstValue("content-type").orElse("no content type")
              + ", not an event stream");
    }
    stream = response.body();
    executor.execute(() -> read(response.body()));
    try {
      URI target = endpoint.get(endpointTimeout.toMillis(), TimeUnit.MILLISECONDS);
      log.debug("{}: posting messages to {}", name, target);
    } catch (TimeoutException e) {
      throw new TransportException(
          "no endpoint event within " + LiveSession.seconds(endpointTimeout));
    } catch (ExecutionException e) {
      throw e.getCause() instanceof TransportException t
          ? t
          : new TransportException(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while connecting");
    }
  }

  @Override
  public CompletableFuture<Void> send(Message message) {
    CompletableFuture<Void> accepted = new CompletableFuture<>();
    executor.execute(() -> post(message, accepted));
    return accepted;
  }

  @Override
  public String describe() {
    return "sse: " + url;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    endpoint.completeExceptionally(new TransportException("closed"));
    InputStream current = stream;
    if (current != null) {
      HttpChannel.discard(current);
    }
    http.close();
  }

  private void read(InputStream body) {
    SseEventReader reader = new SseEventReader(body);
    try {
      Optional<SseEventReader.Event> event;
      while ((event = reader.next()).isPresent()) {
        switch (event.get().type()) {
          case "endpoint" -> onEndpoint(event.get().data().strip());
          case "message" -> deliver(event.get().bytes());
          default -> log.debug("{}: ignoring event {}", name, event.get().type());
        }
      }
    } catch (IOException e) {
      log.debug("{}: the event stream broke: {}", name, e.toString());
    } finally {
      HttpChannel.discard(body);
    }
    endpoint.completeExceptionally(
        new TransportException("the event stream ended before the endpoint event"));
    if (!closed.get()) {
      sink.onClosed("the event stream of " + url + " ended");
    }
  }

  private void onEndpoint(String data) {
    URI target;
    try {
      target = url.resolve(data);
    } catch (IllegalArgumentException e) {
      endpoint.completeExceptionally(new TransportException("malformed endpoint event: " + data));
      return;
    }
    // Messages carry the configured headers (credentials): never send them to another origin.
    if (!sameOrigin(url, target)) {
      endpoint.completeExceptionally(
          new TransportException("the endpoint event points to another origin: " + target));
      return;
    }
    endpoint.complete(target);
  }

  private void deliver(byte[] data) {
    for (Message message : HttpChannel.parseMessages(data)) {
      try {
        sink.onMessage(message, Arrival.SHARED_STREAM);
      } catch (RuntimeException e) {
        log.warn("{}: handling an inbound message failed", name, e);
      }
    }
  }

  private void post(Message message, CompletableFuture<Void> accepted) {
    OptionalLong requestId =
        message instanceof Request r ? LiveSession.idOf(r.id()) : OptionalLong.empty();
    HttpResponse response;
    try {
      URI target = endpoint.getNow(null);
      if (target == null) {
        throw new TransportException("no endpoint yet");
      }
      response =
          http.send(
              http.request(target)
                  .header("Content-Type", "application/json")
                  .timeout(POST_TIMEOUT)
                  .POST(Json.bytes(message.json()))
                  .build());
    } catch (TransportException e) {
      accepted.completeExceptionally(e);
      requestId.ifPresent(id -> sink.onRequestFailed(id, e));
      return;
    } catch (IOException e) {
      accepted.completeExceptionally(new TransportException(HttpChannel.describe(e), e));
      if (!closed.get()) {
        sink.onClosed("cannot reach " + url + ": " + HttpChannel.describe(e));
      }
      return;
    } catch (InterruptedException e) {
      accepted.completeExceptionally(new TransportException("interrupted"));
      Thread.currentThread().interrupt();
      return;
    }
    int status = response.statusCode();
    String body = HttpChannel.bodySnippet(response.body());
    if (HttpChannel.isSuccess(status)) {
      accepted.complete(null);
      return;
    }
    TransportException failure =
        new TransportException(HttpChannel.statusText(status, body), status, null);
    accepted.completeExceptionally(failure);
    if (requestId.isPresent()) {
      sink.onRequestFailed(requestId.getAsLong(), failure);
    } else {
      log.warn("{}: a message was refused: {}", name, failure.getMessage());
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(java.util.Locale.ROOT);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
