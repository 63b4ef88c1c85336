package dev.gatehouse.upstream;

import static dev.gatehouse.upstream.TestHttpServers.empty;
import static dev.gatehouse.upstream.TestHttpServers.event;
import static dev.gatehouse.upstream.TestHttpServers.message;
import static dev.gatehouse.upstream.TestHttpServers.startEventStream;
import static dev.gatehouse.upstream.TestHttpServers.textResult;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server of the 2024-11-05 HTTP+SSE transport: GET {@code /sse} opens the event stream and names
 * {@code /messages?sessionId=...} in its {@code endpoint} event; answers travel on the stream. A
 * POST to {@code /sse} is refused with 405, as such servers do, which drives auto-detection.
 */
final class LegacySseTestServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Stream> streams = new ConcurrentHashMap<>();

  final AtomicInteger eventStreamsOpened = new AtomicInteger();
  final AtomicInteger postsToEventStreamUrl = new AtomicInteger();

  private record Stream(OutputStream out, CountDownLatch ended) {}

  private LegacySseTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/sse", this::onEventStreamUrl);
    server.createContext("/messages", this::onMessage);
    server.start();
  }

  static LegacySseTestServer start() throws IOException {
    return new LegacySseTestServer();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sse");
  }

  /** Ends every event stream, as a restarting server would. */
  void dropStreams() {
    streams.values().forEach(stream -> stream.ended().countDown());
    streams.clear();
  }

  @Override
  public void close() {
    dropStreams();
    server.stop(0);
    executor.shutdownNow();
  }

  private void onEventStreamUrl(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        postsToEventStreamUrl.incrementAndGet();
        empty(exchange, 405);
        return;
      }
      String session = UUID.randomUUID().toString();
      OutputStream out = startEventStream(exchange);
      Stream stream = new Stream(out, new CountDownLatch(1));
      streams.put(session, stream);
      eventStreamsOpened.incrementAndGet();
      event(out, "endpoint", "/messages?sessionId=" + session);
      stream.ended().await();
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onMessage(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getQuery();
      Stream stream = query == null ? null : streams.get(query.substring(query.indexOf('=') + 1));
      if (stream == null) {
        empty(exchange, 404);
        return;
      }
      Message inbound = Message.parse(exchange.getRequestBody().readAllBytes());
      empty(exchange, 202);
      if (inbound instanceof Request request) {
        message(stream.out(), answer(request).json());
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static Response answer(Request request) {
    return switch (request.method()) {
      case "initialize" ->
          Response.result(
              request.id(), TestHttpServers.initializeResult("2024-11-05", "test-legacy-sse"));
      case "tools/call" ->
          Response.result(
              request.id(), textResult(request.params().path("arguments").path("text").asString()));
      default -> Response.error(request.id(), -32601, "Method not found");
    };
  }
}
