package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.store.StoreException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Router}'s table below the servlet's mount. Every failure becomes a JSON error
 * body: a refusal with its status, a store failure by its kind, an upstream failure as 502, and
 * anything unexpected as a bare 500 (logged here, never sent).
 */
final class RouterServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(RouterServlet.class);

  private final transient Router router;

  RouterServlet(Router router) {
    this.router = router;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
    Reply reply;
    try {
      reply = route(req, resp, path);
    } catch (ApiException e) {
      reply = Reply.error(e);
    } catch (StoreException e) {
      reply = Reply.error(ApiException.from(e));
    } catch (GatewayException e) {
      reply = Reply.error(upstreamFailure(e));
    } catch (RuntimeException e) {
      log.error("{} {} failed", req.getMethod(), req.getRequestURI(), e);
      reply = Reply.error(new ApiException(500, "internal_error", "internal error", null));
    }
    reply.writeTo(resp);
  }

  private Reply route(HttpServletRequest req, HttpServletResponse resp, String path) {
    Optional<Router.Match> match = router.match(req.getMethod(), path);
    if (match.isPresent()) {
      return match.get().route().handler().handle(new Call(req, match.get().params()));
    }
    Set<String> methods = router.methods(path);
    if (methods.isEmpty()) {
      throw ApiException.notFound("no route " + req.getRequestURI());
    }
    resp.setHeader("Allow", String.join(", ", methods));
    throw new ApiException(
        405,
        "method_not_allowed",
        req.getMethod() + " is not allowed here; use " + String.join(", ", methods),
        null);
  }

  private static ApiException upstreamFailure(GatewayException e) {
    String code = e.code() == ErrorCode.TIMEOUT ? "upstream_timeout" : "upstream_unavailable";
    return new ApiException(502, code, e.getMessage(), null);
  }
}
