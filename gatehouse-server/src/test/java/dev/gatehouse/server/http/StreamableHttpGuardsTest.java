package dev.gatehouse.server.http;

import static dev.gatehouse.server.http.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.ScriptedHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The endpoint's refusals: security checks, limits and malformed input. */
class StreamableHttpGuardsTest {
  private final ScriptedHandler handler = new ScriptedHandler();
  private GatehouseHttpServer server;
  private McpTestClient client;

  @BeforeEach
  void start() {
    server =
        GatehouseHttpServer.builder()
            .mcp("/mcp", handler)
            .options(
                HttpTransportOptions.builder()
                    .maxBodyBytes(1024)
                    .allowOrigin("https://app.example.com")
                    .build())
            .build()
            .start();
    client = new McpTestClient(server.uri().resolve("/mcp"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"https://evil.example", "http://localhost.evil.example", "null", "file://"})
  void foreignOriginIsForbidden(String origin) {
    HttpResponse<String> response =
        client.post(McpTestClient.initializeBody("2025-11-25"), "Origin", origin);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(handler.sessions).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:6274",
        "http://127.0.0.1",
        "https://[::1]:8443",
        "https://app.example.com",
        "https://APP.example.com/"
      })
  void loopbackAndConfiguredOriginsPass(String origin) {
    HttpResponse<String> response =
        client.post(McpTestClient.initializeBody("2025-11-25"), "Origin", origin);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void foreignHostIsForbidden() throws IOException {
    String body = McpTestClient.initializeBody("2025-11-25");

    String response = rawPost("evil.example:" + server.port(), body);

    assertThat(response).startsWith("HTTP/1.1 403");
    assertThat(response).contains("\"code\":-32600");
    assertThat(handler.sessions).isEmpty();
  }

  @Test
  void loopbackHostPasses() throws IOException {
    String response =
        rawPost("localhost:" + server.port(), McpTestClient.initializeBody("2025-11-25"));

    assertThat(response).startsWith("HTTP/1.1 200");
  }

  @Test
  void oversizeBodyIs413() {
    ObjectNode params = Json.object().put("padding", "x".repeat(2000));

    HttpResponse<String> response = client.post(McpTestClient.request(1, "initialize", params));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void oversizeBodyWithoutContentLengthIs413() throws IOException {
    String body = McpTestClient.request(1, "initialize", Json.object().put("p", "x".repeat(2000)));

    String response = rawChunkedPost("127.0.0.1:" + server.port(), body);

    assertThat(response).startsWith("HTTP/1.1 413");
  }

  @Test
  void malformedJsonIsParseError() {
    HttpResponse<String> response = client.post("{\"jsonrpc\": \"2.0\", \"id\": 1, ");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(body.path("id").isNull()).isTrue();
    assertThat(body.path("error").path("code").asInt()).isEqualTo(-32700);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"initialize\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}",
        "42",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}]"
      })
  void invalidMessageIsInvalidRequest(String body) {
    HttpResponse<String> response = client.post(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void unsupportedProtocolVersionHeaderIs400() {
    client.initialize();

    HttpResponse<String> response =
        client.post(client.nextRequest("tools/list"), "MCP-Protocol-Version", "1999-01-01");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(-32022);
    assertThat(error.path("data").path("requested").asString()).isEqualTo("1999-01-01");
    assertThat(error.path("data").path("supported").toString()).contains("2025-11-25");
  }

  @Test
  void statelessRevisionIsNotSpokenYet() {
    ObjectNode params = Json.object().put("name", "echo");
    params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", "2026-07-28");

    HttpResponse<String> response =
        client.post(
            McpTestClient.request(7, "tools/call", params), "MCP-Protocol-Version", "2026-07-28");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.path("id").asInt()).isEqualTo(7);
    assertThat(body.path("error").path("code").asInt()).isEqualTo(-32022);
  }

  @Test
  void headIsRefusedSoItCannotTakeOverTheSessionStream() {
    client.initialize();

    HttpResponse<String> head =
        client.send(
            client
                .builder("Accept", "text/event-stream")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.headers().firstValue("Allow")).contains("GET, POST, DELETE");
  }

  @Test
  void acceptThatExcludesBothFormatsIs406() {
    HttpResponse<String> response =
        client.post(McpTestClient.initializeBody("2025-11-25"), "Accept", "text/html");

    assertThat(response.statusCode()).isEqualTo(406);
  }

  @Test
  void getWithoutEventStreamAcceptIs406() {
    client.initialize();

    assertThat(client.get("Accept", "application/json").statusCode()).isEqualTo(406);
  }

  @Test
  void nonJsonContentTypeIs415() {
    HttpResponse<String> response =
        client.send(
            client
                .builder()
                .header("Content-Type", "text/plain")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        McpTestClient.initializeBody("2025-11-25")))
                .build());

    assertThat(response.statusCode()).isEqualTo(415);
  }

  private String rawPost(String host, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /mcp HTTP/1.1\r\nHost: "
            + host
            + "\r\nAccept: application/json, text/event-stream\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + bytes.length
            + "\r\nConnection: close\r\n\r\n";
    return exchange(head.getBytes(StandardCharsets.US_ASCII), bytes);
  }

  private String rawChunkedPost(String host, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /mcp HTTP/1.1\r\nHost: "
            + host
            + "\r\nAccept: application/json\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    byte[] chunk = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[chunk.length + bytes.length + tail.length];
    System.arraycopy(chunk, 0, all, 0, chunk.length);
    System.arraycopy(bytes, 0, all, chunk.length, bytes.length);
    System.arraycopy(tail, 0, all, chunk.length + bytes.length, tail.length);
    return exchange(head.getBytes(StandardCharsets.US_ASCII), all);
  }

  private String exchange(byte[] head, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
