package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.Gateway;
import dev.gatehouse.approval.ApprovalQueue;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.plugin.AdminReply;
import dev.gatehouse.plugin.Plugin;
import dev.gatehouse.plugin.PluginContext;
import dev.gatehouse.policy.AllowDeny;
import dev.gatehouse.policy.EndpointView;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.http.HttpTransportOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The tools REST API, the approval routes and plugin routes over real HTTP. */
class AdminRoutesTest {
  private final InMemoryUpstream upstream = new InMemoryUpstream();
  private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
  private final ApprovalQueue approvals =
      ApprovalQueue.builder().timeout(Duration.ofMinutes(5)).build();
  private Gateway gateway;
  private GatehouseHttpServer server;

  private static final class Stats implements Plugin {
    @Override
    public String name() {
      return "stats";
    }

    @Override
    public void contribute(PluginContext context) {
      context.adminRoute(request ->
          AdminReply.json(
              Json.object()
                  .put("method", request.method())
                  .put("path", request.path())
                  .put("q", request.parameter("q").orElse(""))
                  .put("body", new String(request.body(), StandardCharsets.UTF_8))));
    }
  }

  @BeforeEach
  void start() {
    Hooks hooks =
        Hooks.builder()
            .authenticator(header -> header.apply("X-Agent").map(Identity::of))
            .preCall(call -> {
              if (call.originalTool().equals("wipe")) {
                return Decision.deny("wiping is not allowed");
              }
              return call.arguments().path("a").asInt() == 100
                  ? Decision.requireConfirmation("a large sum")
                  : Decision.proceed();
            })
            .confirmation(approvals)
            .audit(audit::add)
            .build();
    gateway =
        Gateway.builder()
            .upstream(upstream.config())
            .connector(c -> upstream)
            .hooks(hooks)
            .plugin(new Stats())
            .groups(g ->
                g.equals("adders")
                    ? Optional.of(
                        new EndpointView(
                            Map.of(),
                            Optional.of(Set.of("calc")),
                            AllowDeny.of(List.of("*add"), List.of())))
                    : Optional.empty())
            .build()
            .start();
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.catalog().tools().size() == 3);
    HttpTransportOptions options = HttpTransportOptions.defaults();
    server =
        GatehouseHttpServer.builder()
            .mcp("/mcp", gateway.handler())
            .servlet("/admin/tools/*", new ToolsServlet(gateway, options))
            .servlet("/admin/hil/*", new ApprovalServlet(approvals, options))
            .servlet("/admin/plugins/*", new PluginRoutesServlet(gateway.plugins(), options))
            .build()
            .start();
    approvals.servedAt(uri("/admin/hil"));
  }

  @AfterEach
  void stop() {
    server.close();
    gateway.close();
  }

  private URI uri(String path) {
    return server.uri().resolve(path);
  }

  private static List<String> names(JsonNode tools) {
    return tools.valueStream().map(t -> t.path("name").asString()).toList();
  }

  @Test
  void listsDescribesAndCallsToolsLikeMcpClientsSeeThem() {
    AdminHttp.Reply list = AdminHttp.get(uri("/admin/tools"));
    assertThat(list.status()).isEqualTo(200);
    assertThat(names(list.json().path("tools")))
        .containsExactly("calc_add", "calc_fail", "calc_wipe");

    AdminHttp.Reply one = AdminHttp.get(uri("/admin/tools/calc_add"));
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("description").asString()).isEqualTo("the add tool");

    AdminHttp.Reply call =
        AdminHttp.post(
            uri("/admin/tools/calc_add/call"),
            "{\"arguments\": {\"a\": 2, \"b\": 3}}",
            "X-Agent",
            "rest-bot");
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.json().path("content").get(0).path("text").asString()).isEqualTo("add 5");
    assertThat(audit)
        .singleElement()
        .satisfies(r -> {
          assertThat(r.caller()).isEqualTo("rest-bot");
          assertThat(r.decision().id()).isEqualTo("allowed");
        });
  }

  @Test
  void aGroupNarrowsTheListAndTheCalls() {
    assertThat(names(AdminHttp.get(uri("/admin/tools?group=adders")).json().path("tools")))
        .containsExactly("calc_add");
    AdminHttp.Reply hidden = AdminHttp.post(uri("/admin/tools/calc_wipe/call?group=adders"), "{}");
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.json().path("error").path("code").asString()).isEqualTo("tool_not_found");
    AdminHttp.Reply unknown = AdminHttp.get(uri("/admin/tools?group=nope"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("error").path("code").asString()).isEqualTo("group_not_found");
  }

  @Test
  void errorsCarryTheStableCodeAndAFittingStatus() {
    AdminHttp.Reply missing = AdminHttp.get(uri("/admin/tools/calc_nothing"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("error").path("code").asString()).isEqualTo("tool_not_found");

    AdminHttp.Reply denied =
        AdminHttp.post(uri("/admin/tools/calc_wipe/call"), "{\"arguments\": {}}");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().path("error").path("code").asString()).isEqualTo("DENIED_BY_POLICY");
    assertThat(denied.json().path("error").path("message").asString())
        .isEqualTo("wiping is not allowed");
    assertThat(upstream.calls).isEmpty();

    AdminHttp.Reply failed = AdminHttp.post(uri("/admin/tools/calc_fail/call"), "");
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.json().path("error").path("code").asString()).isEqualTo("upstream_error");
    assertThat(failed.json().path("error").path("upstream").path("code").asInt()).isEqualTo(-32602);

    AdminHttp.Reply badBody =
        AdminHttp.post(uri("/admin/tools/calc_add/call"), "{\"arguments\": [1]}");
    assertThat(badBody.status()).isEqualTo(400);
    AdminHttp.Reply notJson = AdminHttp.post(uri("/admin/tools/calc_add/call"), "{nope");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body()).doesNotContain("Exception");
  }

  @Test
  void aCallNeedingApprovalWaitsUntilApprovedThroughTheJsonApi() throws Exception {
    CompletableFuture<AdminHttp.Reply> call =
        CompletableFuture.supplyAsync(() ->
            AdminHttp.post(
                uri("/admin/tools/calc_add/call"), "{\"arguments\": {\"a\": 100, \"b\": 1}}"));
    JsonNode pending = awaitPending();
    assertThat(pending.path("tool").asString()).isEqualTo("calc_add");
    assertThat(pending.path("arguments").path("a").asInt()).isEqualTo(100);
    assertThat(pending.path("reason").asString()).isEqualTo("a large sum");
    String id = pending.path("id").asString();
    assertThat(AdminHttp.get(uri("/admin/hil/pending/" + id)).json().path("tool").asString())
        .isEqualTo("calc_add");
    assertThat(call).isNotDone();

    AdminHttp.Reply approved = AdminHttp.post(uri("/admin/hil/pending/" + id + "/approve"), "");
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.json().path("decision").asString()).isEqualTo("approved");

    AdminHttp.Reply result = call.get(30, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().path("content").get(0).path("text").asString()).isEqualTo("add 101");
    assertThat(AdminHttp.post(uri("/admin/hil/pending/" + id + "/approve"), "").status())
        .isEqualTo(404);
    assertThat(audit).singleElement().extracting(r -> r.decision().id()).isEqualTo("confirmed");
  }

  @Test
  void aDenialThroughTheJsonApiIsAClearRefusal() throws Exception {
    CompletableFuture<AdminHttp.Reply> call =
        CompletableFuture.supplyAsync(() ->
            AdminHttp.post(
                uri("/admin/tools/calc_add/call"), "{\"arguments\": {\"a\": 100, \"b\": 2}}"));
    String id = awaitPending().path("id").asString();

    AdminHttp.Reply denied =
        AdminHttp.post(uri("/admin/hil/pending/" + id + "/deny"), "{\"reason\": \"too much\"}");
    assertThat(denied.json().path("decision").asString()).isEqualTo("denied");

    AdminHttp.Reply result = call.get(30, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(403);
    assertThat(result.json().path("error").path("message").asString())
        .isEqualTo("Call to calc_add was rejected: too much");
    assertThat(upstream.calls).isEmpty();
  }

  @Test
  void thePageIsServedWithAStrictContentSecurityPolicy() {
    AdminHttp.Reply page = AdminHttp.get(uri("/admin/hil"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.response().headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/html");
    assertThat(page.body()).contains("Calls waiting for approval").doesNotContain("{{nonce}}");
    String csp = page.response().headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'nonce-").contains("frame-ancestors 'none'");
    assertThat(page.response().headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(AdminHttp.get(uri("/admin/hil/pending/nope")).status()).isEqualTo(404);
  }

  @Test
  void aForeignPageCannotDecideAndARebindedHostIsRefused() throws Exception {
    AdminHttp.Reply foreign =
        AdminHttp.post(uri("/admin/hil/pending/x/approve"), "", "Origin", "https://evil.example");
    assertThat(foreign.status()).isEqualTo(403);
    AdminHttp.Reply own =
        AdminHttp.post(
            uri("/admin/hil/pending/x/approve"), "", "Origin", "http://127.0.0.1:" + server.port());
    assertThat(own.status()).isEqualTo(404);

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /admin/hil/pending HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 403");
    }
  }

  @Test
  void pluginRoutesGetTheRestOfThePath() {
    AdminHttp.Reply reply = AdminHttp.post(uri("/admin/plugins/stats/reset?q=1"), "{\"x\":1}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().toString())
        .isEqualTo(
            "{\"method\":\"POST\",\"path\":\"/reset\",\"q\":\"1\",\"body\":\"{\\\"x\\\":1}\"}");
    assertThat(AdminHttp.get(uri("/admin/plugins/stats")).json().path("path").asString()).isEmpty();
    assertThat(AdminHttp.get(uri("/admin/plugins")).json().toString())
        .isEqualTo("{\"plugins\":[{\"name\":\"stats\",\"admin_route\":true}]}");
    assertThat(AdminHttp.get(uri("/admin/plugins/other")).status()).isEqualTo(404);
  }

  private JsonNode awaitPending() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> AdminHttp.get(uri("/admin/hil/pending")).json().path("pending").size() == 1);
    return AdminHttp.get(uri("/admin/hil/pending")).json().path("pending").get(0);
  }
}
