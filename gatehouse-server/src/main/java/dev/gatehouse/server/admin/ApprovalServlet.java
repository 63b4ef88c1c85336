package dev.gatehouse.server.admin;

import dev.gatehouse.approval.ApprovalQueue;
import dev.gatehouse.approval.PendingApproval;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.http.HttpTransportOptions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Human approval over HTTP, mounted at {@code /admin/hil/*}:
 *
 * <ul>
 *   <li>{@code GET /admin/hil}: the approval page, which lists pending calls and updates itself
 *   <li>{@code GET /admin/hil/pending}: {@code {"pending": [approval, ...]}}, oldest first
 *   <li>{@code GET /admin/hil/pending/{id}}: one approval
 *   <li>{@code POST /admin/hil/pending/{id}/approve}: lets the call go on
 *   <li>{@code POST /admin/hil/pending/{id}/deny}, optionally with {@code {"reason": "..."}}:
 *       refuses it
 * </ul>
 *
 * An approval that was decided, timed out or withdrawn answers 404.
 */
public final class ApprovalServlet extends AdminServlet {
  private static final long serialVersionUID = 1L;
  private static final String PAGE = page();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final transient ApprovalQueue queue;

  public ApprovalServlet(ApprovalQueue queue, HttpTransportOptions options) {
    super(options);
    this.queue = queue;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = path(req);
    if (path.equals("/")) {
      servePage(resp);
    } else if (path.equals("/pending")) {
      ObjectNode body = Json.object();
      Instant now = queue.now();
      var list = body.putArray("pending");
      queue.pending().forEach(p -> list.add(p.toJson(now)));
      body.put("timeout_seconds", queue.timeout().toSeconds());
      AdminReplies.json(resp, 200, body);
    } else if (path.startsWith("/pending/") && path.indexOf('/', "/pending/".length()) < 0) {
      Optional<PendingApproval> approval = queue.pending(path.substring("/pending/".length()));
      if (approval.isPresent()) {
        AdminReplies.json(resp, 200, approval.get().toJson(queue.now()));
      } else {
        notFound(resp);
      }
    } else {
      AdminReplies.error(resp, 404, "not_found", "No such route");
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = path(req);
    String[] parts = path.split("/");
    // "/pending/{id}/approve" splits into "", "pending", id, verb
    if (parts.length != 4 || !parts[1].equals("pending")) {
      AdminReplies.error(resp, 404, "not_found", "No such route");
      return;
    }
    String id = parts[2];
    boolean decided;
    switch (parts[3]) {
      case "approve" -> decided = queue.approve(id);
      case "deny" -> {
        Optional<String> reason;
        try {
          reason = reason(req);
        } catch (GatewayException e) {
          AdminReplies.error(resp, e);
          return;
        }
        decided = queue.deny(id, reason);
      }
      default -> {
        AdminReplies.error(resp, 404, "not_found", "No such route");
        return;
      }
    }
    if (!decided) {
      notFound(resp);
      return;
    }
    ObjectNode body = Json.object().put("id", id);
    body.put("decision", parts[3].equals("approve") ? "approved" : "denied");
    AdminReplies.json(resp, 200, body);
  }

  private Optional<String> reason(HttpServletRequest req) throws IOException {
    Optional<byte[]> body = body(req);
    if (body.isEmpty() || body.get().length == 0) {
      return Optional.empty();
    }
    JsonNode json = Json.parse(body.get());
    return Json.string(json, "reason");
  }

  private static void notFound(HttpServletResponse resp) throws IOException {
    AdminReplies.error(
        resp, 404, "not_found", "No such pending approval: it was decided, timed out or withdrawn");
  }

  private static void servePage(HttpServletResponse resp) throws IOException {
    byte[] nonce = new byte[18];
    RANDOM.nextBytes(nonce);
    String value = Base64.getEncoder().encodeToString(nonce);
    byte[] html = PAGE.replace("{{nonce}}", value).getBytes(StandardCharsets.UTF_8);
    resp.setStatus(200);
    resp.setContentType("text/html; charset=utf-8");
    resp.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'nonce-"
            + value
            + "'; style-src 'nonce-"
            + value
            + "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    resp.setHeader("X-Frame-Options", "DENY");
    resp.setHeader("Referrer-Policy", "no-referrer");
    resp.setContentLength(html.length);
    resp.getOutputStream().write(html);
  }

  private static String path(HttpServletRequest req) {
    String info = req.getPathInfo();
    return info == null || info.isEmpty() ? "/" : info;
  }

  private static String page() {
    try (InputStream in = ApprovalServlet.class.getResourceAsStream("approvals.html")) {
      if (in == null) {
        throw new IllegalStateException("approvals.html is missing from the distribution");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
