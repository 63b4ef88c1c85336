package dev.gatehouse.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.protocol.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NotifiersTest {
  private static final PendingApproval APPROVAL =
      new PendingApproval(
          "id-1",
          "evs_get-sum",
          "evs",
          "get-sum",
          Json.object().put("a", 2),
          "policy requires confirmation",
          "anonymous",
          Optional.empty(),
          Instant.parse("2026-01-02T10:00:00Z"),
          Instant.parse("2026-01-02T10:02:00Z"));
  private static final URI PAGE = URI.create("http://127.0.0.1:8000/admin/hil#id-1");

  @Test
  void theWebhookGetsTheApprovalAndWhereToDecideIt() throws Exception {
    List<JsonNode> posts = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          posts.add(Json.parse(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
      new WebhookNotifier(url).notify(APPROVAL, PAGE);
    } finally {
      server.stop(0);
    }
    assertThat(posts)
        .singleElement()
        .satisfies(post -> {
          assertThat(post.path("event").asString()).isEqualTo("approval_pending");
          assertThat(post.path("approval").path("tool").asString()).isEqualTo("evs_get-sum");
          assertThat(post.path("page").asString()).isEqualTo(PAGE.toString());
          assertThat(post.path("approve").asString())
              .isEqualTo("http://127.0.0.1:8000/admin/hil/pending/id-1/approve");
          assertThat(post.path("deny").asString())
              .isEqualTo("http://127.0.0.1:8000/admin/hil/pending/id-1/deny");
        });
  }

  @Test
  void anUnreachableWebhookIsLoggedNotThrown() {
    new WebhookNotifier(URI.create("http://127.0.0.1:9/hook")).notify(APPROVAL, PAGE);
  }

  @Test
  void withoutADisplayTheBrowserIsNotOpened() {
    BrowserNotifier linux = new BrowserNotifier(Map.of(), "Linux", Clock.systemUTC());
    assertThat(linux.headless()).isTrue();
    linux.notify(APPROVAL, PAGE);
    assertThat(new BrowserNotifier(Map.of("DISPLAY", ":0"), "Linux", Clock.systemUTC()).headless())
        .isFalse();
    assertThat(
            new BrowserNotifier(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", Clock.systemUTC())
                .headless())
        .isFalse();
  }

  @Test
  void eachSystemOpensTheBrowserItsOwnWay() {
    assertThat(new BrowserNotifier(Map.of(), "Mac OS X", Clock.systemUTC()).command(PAGE))
        .containsExactly("open", PAGE.toString());
    assertThat(new BrowserNotifier(Map.of(), "Windows 11", Clock.systemUTC()).command(PAGE))
        .containsExactly("rundll32", "url.dll,FileProtocolHandler", PAGE.toString());
    assertThat(
            new BrowserNotifier(Map.of("DISPLAY", ":0"), "Linux", Clock.systemUTC()).command(PAGE))
        .containsExactly("xdg-open", PAGE.toString());
  }
}
