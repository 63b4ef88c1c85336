package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

class FakeUpstreamExtensionTest {

  @RegisterExtension
  final FakeUpstreamExtension upstream =
      FakeUpstreamExtension.of(() ->
          TestServer.builder()
              .tool(
                  "echo",
                  "Echoes its text",
                  Schema.requiredStrings("text"),
                  (args, ctx) -> {
                    ctx.log(LogLevel.INFO, "echoing");
                    return Content.textResult(args.path("text").asString());
                  })
              .build());

  private static ObjectNode params(String json) {
    return (ObjectNode) Json.parse(json);
  }

  @Test
  void servesOverStreamableHttpOnLoopback() throws Exception {
    assertThat(upstream.url().toString()).startsWith("http://127.0.0.1:").endsWith("/mcp");
    try (McpHttpClient client = new McpHttpClient(upstream.url())) {
      Response init = client.initialize();
      McpHttpClient.Exchange call =
          client.post("tools/call", params("{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}"));

      assertThat(init.result().orElseThrow().at("/serverInfo/name").asString())
          .isEqualTo("gatehouse-test-server");
      assertThat(call.reply().result().orElseThrow().at("/content/0/text").asString())
          .isEqualTo("hi");
      assertThat(call.messages().get(0)).isInstanceOf(Notification.class);
    }
  }

  @Test
  void recordsMcpAndHttpRequests() throws Exception {
    try (McpHttpClient client = new McpHttpClient(upstream.url())) {
      client.initialize();
      client.call("tools/call", params("{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}"));
    }

    assertThat(upstream.requests("tools/call")).hasSize(1);
    assertThat(upstream.server().notifications("notifications/initialized")).hasSize(1);
    RecordedHttpRequest last = upstream.httpRequests().get(upstream.httpRequests().size() - 1);
    assertThat(last.method()).isEqualTo("POST");
    assertThat(last.header("x-test-header")).contains("kept");
    assertThat(last.header("MCP-SESSION-ID")).isPresent();
    assertThat(last.body().orElseThrow()).contains("\"tools/call\"");
  }

  @Test
  void aDropFaultClosesTheConnectionWithoutAnAnswer() throws Exception {
    upstream.server().inject(FaultRule.once("tools/call", Fault.dropConnection()));
    try (McpHttpClient client = new McpHttpClient(upstream.url())) {
      client.initialize();

      assertThatThrownBy(() ->
              client.call(
                  "tools/call", params("{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}")))
          .isInstanceOf(IOException.class);
      Response after =
          client.call("tools/call", params("{\"name\":\"echo\",\"arguments\":{\"text\":\"y\"}}"));
      assertThat(after.result().orElseThrow().at("/content/0/text").asString()).isEqualTo("y");
    }
    assertThat(upstream.requests("tools/call")).hasSize(2);
  }

  @Test
  void forgottenSessionsAreAnsweredWith404() throws Exception {
    try (McpHttpClient client = new McpHttpClient(upstream.url())) {
      client.initialize();
      upstream.forgetSessions();

      McpHttpClient.Exchange stale = client.post("ping", null);

      assertThat(stale.response().statusCode()).isEqualTo(404);
      assertThat(upstream.server().sessions()).isEmpty();
    }
  }
}
