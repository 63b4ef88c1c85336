package dev.gatehouse.server.admin;

import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.server.http.RequestGuard;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common front of every admin route: the DNS-rebinding and cross-site checks of the MCP
 * endpoint (a browser page elsewhere must not approve a call), plus the page's own origin, and no
 * stack trace on any error.
 */
abstract class AdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(AdminServlet.class);

  private final transient RequestGuard guard;
  private final long maxBodyBytes;

  AdminServlet(HttpTransportOptions options) {
    this.guard = new RequestGuard(options);
    this.maxBodyBytes = options.maxBodyBytes();
  }

  @Override
  protected final void service(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    resp.setHeader("Cache-Control", "no-store");
    if (!guard.hostAllowed(req.getHeader("Host"))) {
      AdminReplies.error(resp, 403, "forbidden", "Forbidden: Host not allowed");
      return;
    }
    String origin = req.getHeader("Origin");
    if (!guard.originAllowed(origin) && !sameOrigin(origin, req)) {
      AdminReplies.error(resp, 403, "forbidden", "Forbidden: Origin not allowed");
      return;
    }
    try {
      dispatch(req, resp);
    } catch (RuntimeException e) {
      log.error("Admin route {} failed", req.getRequestURI(), e);
      if (resp.isCommitted()) {
        // Part of the answer is out: the container must break it off, not end it as if whole.
        throw new IOException("The response failed after it began", e);
      }
      AdminReplies.error(resp, 500, "internal_error", "Internal error");
    }
  }

  /** Handles a request that passed the checks; by default by HTTP method (doGet, doPost, ...). */
  void dispatch(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    super.service(req, resp);
  }

  /** The request body, or empty when it is larger than the transport allows. */
  Optional<byte[]> body(HttpServletRequest req) throws IOException {
    long declared = req.getContentLengthLong();
    if (declared > maxBodyBytes) {
      return Optional.empty();
    }
    byte[] bytes =
        req.getInputStream().readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8));
    return bytes.length > maxBodyBytes ? Optional.empty() : Optional.of(bytes);
  }

  /** A page served by this very server calling back into it. */
  private static boolean sameOrigin(String origin, HttpServletRequest req) {
    String host = req.getHeader("Host");
    return host != null && origin.equalsIgnoreCase(req.getScheme() + "://" + host);
  }
}
