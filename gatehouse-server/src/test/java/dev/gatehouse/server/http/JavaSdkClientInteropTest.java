package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.GatehouseHttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The MCP Java SDK's own client, an independent peer, against the servlet. */
class JavaSdkClientInteropTest {
  private final List<DownstreamSession> closed = new CopyOnWriteArrayList<>();
  private GatehouseHttpServer server;

  private final McpHandler handler =
      new McpHandler() {
        @Override
        public Response handle(Request request, Exchange exchange) {
          ObjectNode result = Json.object();
          switch (request.method()) {
            case "initialize" -> {
              String requested = Json.string(request.params(), "protocolVersion").orElse("");
              result.put("protocolVersion", ProtocolVersion.negotiate(requested));
              result.putObject("capabilities").putObject("tools").put("listChanged", true);
              result.putObject("serverInfo").put("name", "interop").put("version", "1");
            }
            case "tools/list" -> {
              ArrayNode tools = result.putArray("tools");
              for (String name : List.of("roots", "announce")) {
                ObjectNode tool = tools.addObject().put("name", name);
                tool.putObject("inputSchema").put("type", "object");
              }
            }
            case "tools/call" -> {
              String name = request.params().path("name").asString();
              String text = "announced";
              if (name.equals("roots")) {
                ObjectNode log = Json.object().put("level", "info").put("data", "asking for roots");
                exchange.notify(Notification.of("notifications/message", log));
                Response roots = exchange.request("roots/list", null, Duration.ofSeconds(30));
                text = roots.result().orElseThrow().path("roots").get(0).path("uri").asString();
              } else {
                exchange
                    .session()
                    .orElseThrow()
                    .notify(Notification.of("notifications/tools/list_changed", null));
              }
              result.putArray("content").addObject().put("type", "text").put("text", text);
            }
            case "ping" -> {}
            default -> {
              return Response.error(request.id(), -32601, "Method not found");
            }
          }
          return Response.result(request.id(), result);
        }

        @Override
        public void onSessionClosed(DownstreamSession session) {
          closed.add(session);
        }
      };

  @BeforeEach
  void start() {
    server = GatehouseHttpServer.builder().mcp("/mcp", handler).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sdkClientRunsTheWholeSessionLifecycle() {
    List<String> logs = new CopyOnWriteArrayList<>();
    List<Integer> toolChanges = new CopyOnWriteArrayList<>();
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(server.uri().toString()).endpoint("/mcp").build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .roots(new McpSchema.Root("file:///work", "work"))
            .loggingConsumer(log -> logs.add(String.valueOf(log.data())))
            .toolsChangeConsumer(tools -> toolChanges.add(tools.size()))
            .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("interop");

      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("roots", "announce");
      assertThat(client.ping()).isNotNull();

      McpSchema.CallToolResult roots =
          client.callTool(new McpSchema.CallToolRequest("roots", Map.of()));
      assertThat(((McpSchema.TextContent) roots.content().getFirst()).text())
          .isEqualTo("file:///work");
      await().atMost(Duration.ofSeconds(20)).until(() -> logs.contains("asking for roots"));

      client.callTool(new McpSchema.CallToolRequest("announce", Map.of()));
      await().atMost(Duration.ofSeconds(20)).until(() -> toolChanges.contains(2));
    } finally {
      client.closeGracefully();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> closed.size() == 1);
  }
}
