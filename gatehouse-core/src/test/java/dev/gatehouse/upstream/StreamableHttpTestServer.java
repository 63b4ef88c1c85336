package dev.gatehouse.upstream;

import static dev.gatehouse.upstream.TestHttpServers.empty;
import static dev.gatehouse.upstream.TestHttpServers.json;
import static dev.gatehouse.upstream.TestHttpServers.message;
import static dev.gatehouse.upstream.TestHttpServers.startEventStream;
import static dev.gatehouse.upstream.TestHttpServers.textResult;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A Streamable HTTP MCP server on the JDK's HTTP server, loopback only. Tools: {@code echo} (JSON
 * answer), {@code echo_sse} (SSE answer), {@code progress}, {@code sample} (a sampling request on
 * the POST stream), {@code slow}, {@code notify_get} (a notification on the GET stream), {@code
 * ask_on_get} (a roots/list request on the GET stream), {@code resumable} (answers only on a
 * resumed stream), {@code fail}.
 */
final class StreamableHttpTestServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Map<String, CompletableFuture<Response>> clientAnswers = new ConcurrentHashMap<>();
  private final AtomicInteger serverIds = new AtomicInteger();
  private final List<OutputStream> getStreams = new CopyOnWriteArrayList<>();

  final Set<String> sessions = ConcurrentHashMap.newKeySet();
  final List<String> deleted = new CopyOnWriteArrayList<>();
  final List<String> protocolHeaders = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final List<ObjectNode> cancelled = new CopyOnWriteArrayList<>();
  final AtomicInteger initializations = new AtomicInteger();
  final AtomicInteger toolsInFlight = new AtomicInteger();
  final List<String> resumedFrom = new CopyOnWriteArrayList<>();
  private final Map<String, Response> replay = new ConcurrentHashMap<>();
  volatile boolean offerGetStream = true;
  volatile CountDownLatch samplingGate = new CountDownLatch(0);

  private StreamableHttpTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/mcp", this::handle);
    server.start();
  }

  static StreamableHttpTestServer start() throws IOException {
    return new StreamableHttpTestServer();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
  }

  /** Forgets every session, as a restarted server would. */
  void expireSessions() {
    sessions.clear();
  }

  int openGetStreams() {
    return getStreams.size();
  }

  @Override
  public void close() {
    stopped.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      switch (exchange.getRequestMethod()) {
        case "POST" -> post(exchange);
        case "GET" -> get(exchange);
        case "DELETE" -> {
          String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
          deleted.add(session);
          sessions.remove(session);
          empty(exchange, 200);
        }
        default -> empty(exchange, 405);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private void post(HttpExchange exchange) throws IOException {
    Message message = Message.parse(exchange.getRequestBody().readAllBytes());
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      authorizations.add(authorization);
    }
    if (message instanceof Request request && request.method().equals("initialize")) {
      String session = UUID.randomUUID().toString();
      sessions.add(session);
      initializations.incrementAndGet();
      exchange.getResponseHeaders().set("Mcp-Session-Id", session);
      json(
          exchange,
          200,
          Response.result(request.id(), TestHttpServers.initializeResult(request, "test-http"))
              .json());
      return;
    }
    String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
    if (session == null) {
      empty(exchange, 400);
      return;
    }
    if (!sessions.contains(session)) {
      empty(exchange, 404);
      return;
    }
    String version = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
    protocolHeaders.add(version == null ? "<none>" : version);
    switch (message) {
      case Notification notification -> {
        if (notification.method().equals("notifications/cancelled")) {
          cancelled.add(notification.params());
        }
        empty(exchange, 202);
      }
      case Response response -> {
        CompletableFuture<Response> waiting = clientAnswers.remove(response.id().asString());
        if (waiting != null) {
          waiting.complete(response);
        }
        empty(exchange, 202);
      }
      case Request request -> onRequest(exchange, request);
    }
  }

  private void onRequest(HttpExchange exchange, Request request) throws IOException {
    if (!request.method().equals("tools/call")) {
      json(exchange, 200, Response.error(request.id(), -32601, "Method not found").json());
      return;
    }
    String tool = request.params().get("name").asString();
    String text = request.params().path("arguments").path("text").asString();
    switch (tool) {
      case "echo" -> json(exchange, 200, Response.result(request.id(), textResult(text)).json());
      case "echo_sse" -> {
        OutputStream out = startEventStream(exchange);
        out.write("id: prime-1\ndata:\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        message(out, Response.result(request.id(), textResult(text)).json());
      }
      case "progress" -> {
        OutputStream out = startEventStream(exchange);
        ObjectNode progress = Json.object();
        progress.set("progressToken", request.params().path("_meta").get("progressToken"));
        progress.put("progress", 1);
        message(out, Notification.of("notifications/progress", progress).json());
        ObjectNode log = Json.object();
        log.put("level", "info");
        log.put("data", "working");
        message(out, Notification.of("notifications/message", log).json());
        message(out, Response.result(request.id(), textResult("done")).json());
      }
      case "sample" -> sample(exchange, request);
      case "slow" -> {
        OutputStream out = startEventStream(exchange);
        out.write(": waiting\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        toolsInFlight.incrementAndGet();
        try {
          stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          toolsInFlight.decrementAndGet();
        }
      }
      case "notify_get" -> {
        for (OutputStream stream : getStreams) {
          message(stream, Notification.of("notifications/tools/list_changed", null).json());
        }
        json(exchange, 200, Response.result(request.id(), textResult("notified")).json());
      }
      case "ask_on_get" -> {
        String id = "srv-" + serverIds.incrementAndGet();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        clientAnswers.put(id, answer);
        for (OutputStream stream : getStreams) {
          message(stream, Request.of(StringNode.valueOf(id), "roots/list", null).json());
        }
        ObjectNode result = textResult("asked");
        try {
          result.set("answer", answer.get(30, TimeUnit.SECONDS).json());
        } catch (Exception e) {
          result.put("answer", "no answer: " + e);
        }
        json(exchange, 200, Response.result(request.id(), result).json());
      }
      case "resumable" -> {
        // Numbers its events, then drops the connection before answering; the answer waits
        // for a GET with Last-Event-ID.
        OutputStream out = startEventStream(exchange);
        replay.put("evt-1", Response.result(request.id(), textResult("resumed")));
        out.write(
            "id: evt-1\nretry: 10\ndata:\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
      }
      case "fail" ->
          json(exchange, 200, Response.error(request.id(), -32602, "bad arguments").json());
      default -> json(exchange, 200, Response.error(request.id(), -32602, "no such tool").json());
    }
  }

  private void sample(HttpExchange exchange, Request request) throws IOException {
    OutputStream out = startEventStream(exchange);
    toolsInFlight.incrementAndGet();
    try {
      samplingGate.await(30, TimeUnit.SECONDS);
      String id = "srv-" + serverIds.incrementAndGet();
      CompletableFuture<Response> answer = new CompletableFuture<>();
      clientAnswers.put(id, answer);
      ObjectNode params = Json.object();
      params.putArray("messages");
      params.put("maxTokens", 5);
      message(out, Request.of(StringNode.valueOf(id), "sampling/createMessage", params).json());
      Response client = answer.get(30, TimeUnit.SECONDS);
      ObjectNode result = textResult("sampled");
      result.set("answer", client.json());
      message(out, Response.result(request.id(), result).json());
    } catch (Exception e) {
      message(out, Response.error(request.id(), -32603, "sampling failed: " + e).json());
    } finally {
      toolsInFlight.decrementAndGet();
    }
  }

  private void get(HttpExchange exchange) throws IOException {
    if (!offerGetStream) {
      empty(exchange, 405);
      return;
    }
    String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
    if (session == null || !sessions.contains(session)) {
      empty(exchange, session == null ? 400 : 404);
      return;
    }
    String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    if (lastEventId != null && replay.containsKey(lastEventId)) {
      resumedFrom.add(lastEventId);
      OutputStream out = startEventStream(exchange);
      message(out, replay.remove(lastEventId).json());
      return;
    }
    OutputStream out = startEventStream(exchange);
    out.write(": open\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.flush();
    getStreams.add(out);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      getStreams.remove(out);
    }
  }
}
