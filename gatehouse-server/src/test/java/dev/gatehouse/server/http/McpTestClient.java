package dev.gatehouse.server.http;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A bare Streamable HTTP client on the JDK's HttpClient, for driving the servlet in tests. */
final class McpTestClient implements AutoCloseable {
  static final String ACCEPT_BOTH = "application/json, text/event-stream";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI endpoint;
  private final AtomicInteger ids = new AtomicInteger();
  private final List<SseReader> readers = new ArrayList<>();
  String sessionId;

  McpTestClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  static String request(Object id, String method, ObjectNode params) {
    ObjectNode json = Json.object().put("jsonrpc", "2.0").put("method", method);
    json.set("id", Json.mapper().valueToTree(id));
    if (params != null) {
      json.set("params", params);
    }
    return Json.text(json);
  }

  static String initializeBody(String version) {
    ObjectNode params = Json.object().put("protocolVersion", version);
    params.putObject("capabilities").putObject("roots");
    params.putObject("clientInfo").put("name", "test-client").put("version", "1");
    return request(1, "initialize", params);
  }

  /** Initializes a session and remembers its id. */
  HttpResponse<String> initialize() {
    HttpResponse<String> response = post(initializeBody("2025-11-25"));
    sessionId = response.headers().firstValue("Mcp-Session-Id").orElse(null);
    return response;
  }

  String nextRequest(String method) {
    return request(ids.incrementAndGet() + 100, method, Json.object());
  }

  HttpRequest.Builder builder(String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", ACCEPT_BOTH);
    if (sessionId != null) {
      builder.header("Mcp-Session-Id", sessionId);
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.setHeader(headers[i], headers[i + 1]);
    }
    return builder;
  }

  HttpResponse<String> post(String body, String... headers) {
    return send(
        builder(headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> get(String... headers) {
    return send(builder(headers).GET().build());
  }

  HttpResponse<String> delete() {
    return send(builder().DELETE().build());
  }

  /** POSTs and reads the answer as it arrives (for SSE answers that need a reply midway). */
  SseReader postStreaming(String body, String... headers) {
    return stream(
        builder(headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** POSTs without waiting; for answers that come only after the test acts elsewhere. */
  CompletableFuture<HttpResponse<String>> postAsync(String body) {
    return http.sendAsync(
        builder()
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the session's GET stream. */
  SseReader openGet() {
    return stream(builder("Accept", "text/event-stream").GET().build());
  }

  private SseReader stream(HttpRequest request) {
    try {
      HttpResponse<Stream<String>> response =
          http.send(request, HttpResponse.BodyHandlers.ofLines());
      SseReader reader = new SseReader(response);
      readers.add(reader);
      return reader;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return Json.parse(response.body());
  }

  /** The JSON of every {@code data:} line of an SSE body. */
  static List<JsonNode> events(String sseBody) {
    return sseBody
        .lines()
        .filter(line -> line.startsWith("data:"))
        .map(line -> line.substring(5).trim())
        .filter(data -> !data.isEmpty())
        .map(Json::parse)
        .toList();
  }

  @Override
  public void close() {
    readers.forEach(SseReader::close);
    http.close();
  }
}
