package dev.gatehouse.server.http;

import static dev.gatehouse.server.http.McpTestClient.events;
import static dev.gatehouse.server.http.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.ScriptedHandler;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint embedded as a plain servlet in another container (Jetty 12, ee11), as a JVM service
 * would mount it: the daemon's own server is not involved.
 */
class EmbeddedInJettyTest {
  private final ScriptedHandler handler = new ScriptedHandler();
  private Server jetty;
  private McpTestClient client;

  @BeforeEach
  void start() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(StreamableHttpServlet.of(handler)), "/mcp");
    jetty.setHandler(context);
    jetty.start();
    client = new McpTestClient(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp"));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    jetty.stop();
  }

  @Test
  void servesASessionWithJsonAndStreamedAnswers() {
    HttpResponse<String> init = client.initialize();
    HttpResponse<String> list = client.post(client.nextRequest("tools/list"));
    HttpResponse<String> streamed = client.post(client.nextRequest("notify-first"));
    HttpResponse<String> ended = client.delete();

    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(client.sessionId).isNotBlank();
    assertThat(json(list).path("result").path("tools").get(0).path("name").asString())
        .isEqualTo("echo");
    List<JsonNode> events = events(streamed.body());
    assertThat(events).hasSize(2);
    assertThat(events.get(1).path("result").path("done").asBoolean()).isTrue();
    assertThat(ended.statusCode()).isEqualTo(204);
    assertThat(handler.closed).hasSize(1);
  }
}
