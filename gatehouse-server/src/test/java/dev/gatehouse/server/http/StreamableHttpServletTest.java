package dev.gatehouse.server.http;

import static dev.gatehouse.server.http.McpTestClient.events;
import static dev.gatehouse.server.http.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.ScriptedHandler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StreamableHttpServletTest {
  private final ScriptedHandler handler = new ScriptedHandler();
  private GatehouseHttpServer server;
  private McpTestClient client;

  @BeforeEach
  void start() {
    server = GatehouseHttpServer.builder().mcp("/mcp", handler).build().start();
    client = new McpTestClient(server.uri().resolve("/mcp"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void initializeCreatesSessionAndAnswersJson() {
    HttpResponse<String> response = client.initialize();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(client.sessionId).isNotBlank().matches("[\\x21-\\x7e]+");
    assertThat(json(response).path("result").path("protocolVersion").asString())
        .isEqualTo("2025-11-25");
    assertThat(handler.sessions)
        .singleElement()
        .satisfies(session -> {
          assertThat(session.id()).isEqualTo(client.sessionId);
          assertThat(session.protocolVersion()).isEqualTo("2025-11-25");
          assertThat(session.clientInfo().path("name").asString()).isEqualTo("test-client");
          assertThat(session.clientCapabilities().has("roots")).isTrue();
        });
  }

  @Test
  void negotiatesOlderRevisionsToo() {
    HttpResponse<String> response = client.post(McpTestClient.initializeBody("2025-03-26"));
    client.sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();

    HttpResponse<String> whoami =
        client.post(client.nextRequest("whoami"), "MCP-Protocol-Version", "2025-03-26");

    assertThat(json(whoami).path("result").path("protocolVersion").asString())
        .isEqualTo("2025-03-26");
  }

  @Test
  void failedInitializeKeepsNoSession() {
    ObjectNode params = Json.object().put("protocolVersion", "2025-11-25");
    params.putObject("clientInfo").put("name", "reject");

    HttpResponse<String> response = client.post(McpTestClient.request(1, "initialize", params));

    assertThat(json(response).has("error")).isTrue();
    assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
    assertThat(server.uri()).isNotNull();
    assertThat(handler.sessions).isEmpty();
  }

  @Test
  void requestInSessionIsAnsweredWithJson() {
    client.initialize();

    HttpResponse<String> response =
        client.post(client.nextRequest("tools/list"), "MCP-Protocol-Version", "2025-11-25");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode body = json(response);
    assertThat(body.path("id").asInt()).isEqualTo(101);
    assertThat(body.path("result").path("tools").get(0).path("name").asString()).isEqualTo("echo");
  }

  @Test
  void exchangeSeesSessionVersionCapabilitiesAndHeaders() {
    client.initialize();

    JsonNode result =
        json(client.post(client.nextRequest("whoami"), "X-Test", "hello")).path("result");

    assertThat(result.path("session").asString()).isEqualTo(client.sessionId);
    assertThat(result.path("protocolVersion").asString()).isEqualTo("2025-11-25");
    assertThat(result.path("capabilities").has("roots")).isTrue();
    assertThat(result.path("header").asString()).isEqualTo("hello");
  }

  @Test
  void handlerRunsOnVirtualThreads() {
    client.initialize();

    assertThat(handler.virtualThreads).containsOnly(true);
  }

  @Test
  void notificationBeforeResponseTurnsAnswerIntoEventStream() {
    client.initialize();

    HttpResponse<String> response = client.post(client.nextRequest("notify-first"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<JsonNode> events = events(response.body());
    assertThat(events).hasSize(2);
    assertThat(events.get(0).path("method").asString()).isEqualTo("notifications/progress");
    assertThat(events.get(1).path("result").path("done").asBoolean()).isTrue();
  }

  @Test
  void clientThatAcceptsOnlyEventStreamsGetsOne() {
    client.initialize();

    HttpResponse<String> response =
        client.post(client.nextRequest("tools/list"), "Accept", "text/event-stream");

    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(events(response.body()))
        .singleElement()
        .satisfies(e -> assertThat(e.path("result").has("tools")).isTrue());
  }

  @Test
  void streamResponsesAnswersEveryRequestAsAnEventStream() {
    try (GatehouseHttpServer streaming =
        GatehouseHttpServer.builder()
            .options(HttpTransportOptions.builder().streamResponses(true).build())
            .mcp("/mcp", handler)
            .build()
            .start()) {
      McpTestClient streamingClient = new McpTestClient(streaming.uri().resolve("/mcp"));
      streamingClient.initialize();

      HttpResponse<String> response =
          streamingClient.post(streamingClient.nextRequest("tools/list"));

      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      assertThat(events(response.body()))
          .singleElement()
          .satisfies(e -> assertThat(e.path("result").has("tools")).isTrue());
      streamingClient.close();
    }
  }

  @Test
  void serverToClientRequestOnResponseStreamCompletesWithPostedResponse() {
    client.initialize();

    try (SseReader stream = client.postStreaming(client.nextRequest("ask-client"))) {
      JsonNode request = stream.next();
      assertThat(request.path("method").asString()).isEqualTo("roots/list");
      assertThat(request.path("id").isString()).isTrue();

      ObjectNode answer = Json.object().put("jsonrpc", "2.0");
      answer.set("id", request.get("id"));
      answer.putObject("result").putArray("roots").addObject().put("uri", "file:///work");
      HttpResponse<String> posted = client.post(Json.text(answer));
      assertThat(posted.statusCode()).isEqualTo(202);
      assertThat(posted.body()).isEmpty();

      JsonNode finalResponse = stream.next();
      assertThat(finalResponse.path("id").asInt()).isEqualTo(101);
      assertThat(
              finalResponse
                  .path("result")
                  .path("answer")
                  .path("roots")
                  .get(0)
                  .path("uri")
                  .asString())
          .isEqualTo("file:///work");
    }
  }

  @Test
  void unansweredServerToClientRequestTimesOut() {
    client.initialize();

    HttpResponse<String> response = client.post(client.nextRequest("ask-client-briefly"));

    List<JsonNode> events = events(response.body());
    assertThat(events).hasSize(3);
    JsonNode request = events.getFirst();
    assertThat(request.path("method").asString()).isEqualTo("roots/list");
    JsonNode cancelled = events.get(1);
    assertThat(cancelled.path("method").asString()).isEqualTo("notifications/cancelled");
    assertThat(cancelled.path("params").path("requestId")).isEqualTo(request.get("id"));
    JsonNode error = events.getLast().path("error");
    assertThat(error.path("code").asInt()).isEqualTo(-32001);
    assertThat(error.path("data").path("code").asString()).isEqualTo("TIMEOUT");
  }

  @Test
  void getStreamCarriesSessionNotificationsAndRequests() {
    client.initialize();

    try (SseReader stream = client.openGet()) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      client.post(client.nextRequest("broadcast"));
      assertThat(stream.next().path("method").asString())
          .isEqualTo("notifications/tools/list_changed");

      CompletableFuture<HttpResponse<String>> call =
          client.postAsync(client.nextRequest("ask-session"));
      JsonNode request = stream.next();
      assertThat(request.path("method").asString()).isEqualTo("roots/list");
      ObjectNode answer = Json.object().put("jsonrpc", "2.0");
      answer.set("id", request.get("id"));
      answer.putObject("result").putArray("roots");
      assertThat(client.post(Json.text(answer)).statusCode()).isEqualTo(202);
      assertThat(json(call.join()).path("result").path("answer").has("roots")).isTrue();
    }
  }

  @Test
  void messagesSentWithoutGetStreamWaitForOne() {
    client.initialize();
    client.post(client.nextRequest("broadcast"));

    try (SseReader stream = client.openGet()) {
      assertThat(stream.next().path("method").asString())
          .isEqualTo("notifications/tools/list_changed");
    }
  }

  @Test
  void newerGetStreamReplacesOlderOne() {
    client.initialize();
    SseReader first = client.openGet();
    await().atMost(Duration.ofSeconds(10)).until(() -> first.response.statusCode() == 200);

    try (SseReader second = client.openGet()) {
      assertThat(second.response.statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(first::ended);
      client.post(client.nextRequest("broadcast"));
      assertThat(second.next().path("method").asString())
          .isEqualTo("notifications/tools/list_changed");
    }
  }

  @Test
  void clientNotificationsReachHandlerWith202() {
    client.initialize();

    HttpResponse<String> response =
        client.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEmpty();
    assertThat(handler.notifications)
        .singleElement()
        .satisfies(n -> assertThat(n.method()).isEqualTo("notifications/initialized"));
  }

  @Test
  void deleteEndsSessionAndLaterRequestsGet404() {
    client.initialize();

    HttpResponse<String> deleted = client.delete();

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(handler.closed)
        .singleElement()
        .satisfies(session -> assertThat(session.id()).isEqualTo(client.sessionId));
    HttpResponse<String> after = client.post(client.nextRequest("tools/list"));
    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(json(after).path("error").path("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void deleteEndsOpenGetStream() {
    client.initialize();
    try (SseReader stream = client.openGet()) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      client.delete();
      await().atMost(Duration.ofSeconds(20)).until(stream::ended);
    }
  }

  @Test
  void unknownSessionIs404() {
    client.sessionId = "no-such-session";

    HttpResponse<String> response = client.post(client.nextRequest("tools/list"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(json(response).path("id").isNull()).isTrue();
    assertThat(client.get("Accept", "text/event-stream").statusCode()).isEqualTo(404);
    assertThat(client.delete().statusCode()).isEqualTo(404);
  }

  @Test
  void missingSessionIs400() {
    HttpResponse<String> response = client.post(client.nextRequest("tools/list"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(client.get("Accept", "text/event-stream").statusCode()).isEqualTo(400);
  }

  @Test
  void handlerFailureBecomesInternalErrorWithoutDetails() {
    client.initialize();

    HttpResponse<String> response = client.post(client.nextRequest("boom"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode error = json(response).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(-32603);
    assertThat(response.body())
        .doesNotContain("secret detail")
        .doesNotContain("IllegalStateException")
        .doesNotContain("at dev.gatehouse");
  }

  @Test
  void idleSessionsExpire() {
    server.close();
    server =
        GatehouseHttpServer.builder()
            .mcp("/mcp", handler)
            .options(
                HttpTransportOptions.builder().sessionIdleTimeout(Duration.ofMillis(200)).build())
            .build()
            .start();
    McpTestClient shortLived = new McpTestClient(server.uri().resolve("/mcp"));
    try {
      shortLived.initialize();
      await().atMost(Duration.ofSeconds(20)).until(() -> handler.closed.size() == 1);
      assertThat(shortLived.post(shortLived.nextRequest("tools/list")).statusCode()).isEqualTo(404);
    } finally {
      shortLived.close();
    }
  }

  @Test
  void getStreamSendsKeepAlives() {
    server.close();
    server =
        GatehouseHttpServer.builder()
            .mcp("/mcp", handler)
            .options(
                HttpTransportOptions.builder().keepAliveInterval(Duration.ofMillis(50)).build())
            .build()
            .start();
    McpTestClient other = new McpTestClient(server.uri().resolve("/mcp"));
    try {
      other.initialize();
      try (SseReader stream = other.openGet()) {
        assertThat(stream.nextComment()).startsWith(":");
      }
    } finally {
      other.close();
    }
  }

  @Test
  void stoppingServerEndsSessions() {
    client.initialize();

    server.close();

    assertThat(handler.closed).hasSize(1);
  }
}
