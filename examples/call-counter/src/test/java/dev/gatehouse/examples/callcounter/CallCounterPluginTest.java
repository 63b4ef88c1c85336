package dev.gatehouse.examples.callcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.Gateway;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.plugin.Plugins;
import dev.gatehouse.policy.CallPolicy;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.admin.PluginRoutesServlet;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.testkit.DemoServer;
import dev.gatehouse.testkit.HttpTestServer;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnections;
import dev.gatehouse.upstream.UpstreamOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The example plugin end to end: discovered, counting, served on its admin route. */
class CallCounterPluginTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpTestServer demo;
  private Gateway gateway;
  private GatehouseHttpServer server;

  @BeforeEach
  void start() {
    demo = HttpTestServer.start(DemoServer.create());
    gateway =
        Gateway.builder()
            .upstream(UpstreamConfig.http("demo", TransportKind.HTTP, demo.url()))
            .connector(c -> UpstreamConnections.open(c, UpstreamOptions.defaults()))
            .hooks(Hooks.builder().preCall(CallPolicy.of(List.of("*random*"), List.of())).build())
            .discoverPlugins()
            .build()
            .start();
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.catalog().tools().size() == 4);
    server =
        GatehouseHttpServer.builder()
            .mcp("/mcp", gateway.handler())
            .servlet(
                "/admin/plugins/*",
                new PluginRoutesServlet(gateway.plugins(), HttpTransportOptions.defaults()))
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
    gateway.close();
    demo.close();
  }

  private JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.parse(response.body());
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    assertThat(Plugins.discover(getClass().getClassLoader())).containsKey("call-counter");
    assertThat(gateway.plugins().names()).containsExactly("call-counter");
  }

  @Test
  void countsCallsAndErrorsPerToolOnItsAdminRoute() throws Exception {
    gateway.callTool("demo_add", Json.object().put("a", 1).put("b", 2));
    gateway.callTool("demo_add", Json.object().put("a", 3).put("b", 4));
    gateway.callTool("demo_echo", Json.object().put("message", "hi"));
    assertThatThrownBy(() -> gateway.callTool("demo_random_number", Json.object()));

    JsonNode counts =
        send(HttpRequest.newBuilder(server.uri().resolve("/admin/plugins/call-counter")).GET());
    assertThat(Json.text(counts.path("tools")))
        .isEqualTo(
            "{\"demo_add\":{\"calls\":2,\"errors\":0},\"demo_echo\":{\"calls\":1,\"errors\":0},"
                + "\"demo_random_number\":{\"calls\":0,\"errors\":1}}");

    JsonNode reset =
        send(
            HttpRequest.newBuilder(server.uri().resolve("/admin/plugins/call-counter/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(reset.path("tools").isEmpty()).isTrue();
  }
}
