package dev.gatehouse.approval;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts each new approval as JSON to a URL (a chat bot, an incident tool):
 *
 * <pre>{@code
 * {"event": "approval_pending", "approval": {id, tool, arguments, reason, caller, ...},
 *  "page": "http://127.0.0.1:8000/admin/hil#<id>",
 *  "approve": "http://127.0.0.1:8000/admin/hil/pending/<id>/approve",
 *  "deny": "http://127.0.0.1:8000/admin/hil/pending/<id>/deny"}
 * }</pre>
 *
 * A failed post is logged; the approval stays pending.
 */
public final class WebhookNotifier implements ApprovalNotifier {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final HttpClient client;
  private final Clock clock = Clock.systemUTC();

  public WebhookNotifier(URI url) {
    this.url = Objects.requireNonNull(url, "url");
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  public URI url() {
    return url;
  }

  @Override
  public void notify(PendingApproval approval, URI page) {
    ObjectNode body = Json.object();
    body.put("event", "approval_pending");
    body.set("approval", approval.toJson(clock.instant()));
    body.put("page", page.toString());
    String api = page.toString().replaceFirst("#.*$", "") + "/pending/" + approval.id();
    body.put("approve", api + "/approve");
    body.put("deny", api + "/deny");
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        log.warn("Approval webhook {} answered {}", url, response.statusCode());
      }
    } catch (IOException e) {
      log.warn("Approval webhook {} failed: {}", url, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
