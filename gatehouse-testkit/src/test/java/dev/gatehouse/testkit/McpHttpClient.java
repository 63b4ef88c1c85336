package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/** A bare Streamable HTTP client for tests: POSTs one message, reads a JSON or SSE answer. */
final class McpHttpClient implements AutoCloseable {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI url;
  private final AtomicInteger ids = new AtomicInteger();
  private String sessionId;

  McpHttpClient(URI url) {
    this.url = url;
  }

  Response initialize() throws IOException, InterruptedException {
    ObjectNode params = Json.object();
    params.put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "http-test").put("version", "1");
    Exchange answer = post("initialize", params);
    sessionId = answer.response().headers().firstValue("Mcp-Session-Id").orElseThrow();
    notifyServer("notifications/initialized");
    return answer.reply();
  }

  Response call(String method, ObjectNode params) throws IOException, InterruptedException {
    return post(method, params).reply();
  }

  void notifyServer(String method) throws IOException, InterruptedException {
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.put("method", method);
    send(json);
  }

  /** The answer to one request, with every message of an SSE reply. */
  record Exchange(HttpResponse<String> response, List<Message> messages) {
    Response reply() {
      return (Response) messages.get(messages.size() - 1);
    }
  }

  Exchange post(String method, ObjectNode params) throws IOException, InterruptedException {
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.set("id", IntNode.valueOf(ids.incrementAndGet()));
    json.put("method", method);
    if (params != null) {
      json.set("params", params);
    }
    HttpResponse<String> response = send(json);
    List<Message> messages = new ArrayList<>();
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("text/event-stream")) {
      for (String line : response.body().split("\n")) {
        if (line.startsWith("data:") && !line.substring(5).isBlank()) {
          messages.add(Message.parse(line.substring(5).trim()));
        }
      }
    } else {
      messages.add(Message.parse(response.body()));
    }
    return new Exchange(response, messages);
  }

  private HttpResponse<String> send(ObjectNode json) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("X-Test-Header", "kept")
            .POST(HttpRequest.BodyPublishers.ofString(Json.text(json)));
    if (sessionId != null) {
      request.header("Mcp-Session-Id", sessionId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    http.close();
  }
}
