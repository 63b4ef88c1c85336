package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.it.browser.HeadlessChromium;
import dev.gatehouse.testkit.DemoServer;
import dev.gatehouse.testkit.HttpTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The approval page in a real headless Chromium: it shows a waiting call, and clicking Approve (or
 * Deny) decides it. The browser is Debian's chromium, installed by scripts/install-browser.sh when
 * missing; without it this test fails rather than skips.
 */
class ApprovalPageBrowserTest {
  private static HttpTestServer demo;
  private static Daemon daemon;
  private static AdminApi admin;
  private static HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    demo = HttpTestServer.start(DemoServer.create());
    String config =
        """
        {"port": 0,
         "mcpServers": {"demo": {"url": "%s"}},
         "policy": {"confirm": ["*add*"]},
         "hil": {"enabled": true, "auto_open_browser": false, "timeout_seconds": 300}}
        """
            .formatted(demo.url());
    daemon = Daemon.start(ConfigParser.parse(config, Optional.empty(), "test config"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> daemon.gateway().catalog().tools().size() == 4);
    admin = new AdminApi(daemon.mcpUri().resolve("/"));
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (daemon != null) {
      daemon.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  private static URI page() {
    return daemon.mcpUri().resolve("/admin/hil");
  }

  private static CompletableFuture<JsonNode> call(int a, int b) {
    return CompletableFuture.supplyAsync(() ->
        admin.post(
            "/admin/tools/demo_add/call", "{\"arguments\": {\"a\": " + a + ", \"b\": " + b + "}}"));
  }

  /** The one card the page shows, once it shows exactly one. */
  private static String awaitOneCard() {
    await().atMost(Duration.ofSeconds(60)).until(() -> browser.find(".card").size() == 1);
    return browser.find(".card").getFirst();
  }

  private static String cardPart(String css) {
    List<String> found = browser.find(".card " + css);
    assertThat(found).hasSize(1);
    return found.getFirst();
  }

  @Test
  void showsAWaitingCallAndClickingApproveCompletesIt() throws Exception {
    CompletableFuture<JsonNode> result = call(2, 3);
    browser.open(page());

    awaitOneCard();
    assertThat(browser.text(cardPart(".tool"))).isEqualTo("demo_add");
    assertThat(browser.text(cardPart(".arguments"))).contains("\"a\": 2").contains("\"b\": 3");
    assertThat(browser.text(cardPart(".meta"))).contains("caller anonymous");
    assertThat(result).isNotDone();

    browser.click(cardPart("button.approve"));

    JsonNode answer = result.get(60, TimeUnit.SECONDS);
    assertThat(answer.path("_status").asInt()).isEqualTo(200);
    assertThat(answer.path("content").get(0).path("text").asString()).isEqualTo("5");
    await().atMost(Duration.ofSeconds(30)).until(() -> browser.find(".card").isEmpty());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> browser.displayed(browser.find("#empty").getFirst()));
    assertThat(browser.text(browser.find("#log p").getFirst())).endsWith("Approved demo_add");
  }

  @Test
  void clickingDenyRefusesTheCall() throws Exception {
    CompletableFuture<JsonNode> result = call(40, 2);
    browser.open(page());

    awaitOneCard();
    assertThat(browser.text(cardPart(".arguments"))).contains("\"a\": 40");
    browser.click(cardPart("button.deny"));

    JsonNode answer = result.get(60, TimeUnit.SECONDS);
    assertThat(answer.path("_status").asInt()).isEqualTo(403);
    assertThat(answer.path("error").path("message").asString())
        .isEqualTo("Call to demo_add was rejected: denied by a human");
    await().atMost(Duration.ofSeconds(30)).until(() -> browser.find(".card").isEmpty());
    assertThat(admin.get("/admin/hil/pending").path("pending").size()).isZero();
  }
}
