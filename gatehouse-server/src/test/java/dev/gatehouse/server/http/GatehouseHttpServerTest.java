package dev.gatehouse.server.http;

import static dev.gatehouse.server.http.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.ScriptedHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatehouseHttpServerTest {
  private final ScriptedHandler plain = new ScriptedHandler();
  private final ScriptedHandler research = new ScriptedHandler();
  private final ScriptedHandler ops = new ScriptedHandler();
  private GatehouseHttpServer server;

  @BeforeEach
  void start() {
    Map<String, McpHandler> groups = Map.of("research", research, "ops", ops);
    server =
        GatehouseHttpServer.builder()
            .mcp("/mcp", plain)
            .mcpPrefix("/mcp/g", group -> Optional.ofNullable(groups.get(group)))
            .servlet("/admin/*", new HelloServlet())
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void bindsLoopbackOnEphemeralPort() {
    assertThat(server.port()).isPositive();
    assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
  }

  @Test
  void healthzAnswersOk() {
    try (McpTestClient client = new McpTestClient(server.uri().resolve("/healthz"))) {
      HttpResponse<String> response = client.send(client.builder().GET().build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).path("status").asString()).isEqualTo("ok");
    }
  }

  @Test
  void extraServletsAreMounted() {
    try (McpTestClient client = new McpTestClient(server.uri().resolve("/admin/hello"))) {
      HttpResponse<String> response = client.send(client.builder().GET().build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("hello /hello");
    }
  }

  @Test
  void prefixMountPicksHandlerByPathRemainder() {
    try (McpTestClient toResearch = new McpTestClient(server.uri().resolve("/mcp/g/research"));
        McpTestClient toOps = new McpTestClient(server.uri().resolve("/mcp/g/ops"))) {
      toResearch.initialize();
      toOps.initialize();

      assertThat(research.sessions).hasSize(1);
      assertThat(ops.sessions).hasSize(1);
      assertThat(plain.sessions).isEmpty();
      assertThat(toResearch.post(toResearch.nextRequest("tools/list")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void sessionIsBoundToItsPath() {
    try (McpTestClient toResearch = new McpTestClient(server.uri().resolve("/mcp/g/research"));
        McpTestClient toOps = new McpTestClient(server.uri().resolve("/mcp/g/ops"))) {
      toResearch.initialize();
      toOps.sessionId = toResearch.sessionId;

      assertThat(toOps.post(toOps.nextRequest("tools/list")).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void unknownGroupIs404() {
    try (McpTestClient client = new McpTestClient(server.uri().resolve("/mcp/g/nope"))) {
      HttpResponse<String> response = client.initialize();

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32600);
    }
  }

  @Test
  void unmountedPathIs404WithoutStackTrace() {
    try (McpTestClient client = new McpTestClient(server.uri().resolve("/nothing"))) {
      HttpResponse<String> response = client.send(client.builder().GET().build());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).doesNotContain("at dev.gatehouse").doesNotContain("Exception");
    }
  }

  @Test
  void aWarmUpStartsNothing() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    GatehouseHttpServer.warmUp();

    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> !before.contains(t))
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("gatehouse-http"));
  }

  private static final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("hello " + req.getPathInfo());
    }
  }
}
