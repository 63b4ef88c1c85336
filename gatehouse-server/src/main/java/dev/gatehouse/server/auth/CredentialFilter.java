package dev.gatehouse.server.auth;

import dev.gatehouse.credential.AuthRefusal;
import dev.gatehouse.credential.InboundAuth;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.http.RequestGuard;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * In front of the MCP endpoints: a request whose credential is invalid, or that has none where
 * credentials are required, is answered {@code 401} with {@code WWW-Authenticate: Bearer
 * resource_metadata="..."} (and {@code error="invalid_token"} for a bad credential) before any MCP
 * handling. Host and Origin are checked first, as the endpoint itself does, so a page on another
 * origin learns nothing from the answer.
 */
public final class CredentialFilter implements Filter {
  private final InboundAuth auth;
  private final RequestGuard guard;
  private final ResourceMetadata metadata;

  public CredentialFilter(InboundAuth auth, RequestGuard guard, ResourceMetadata metadata) {
    this.auth = auth;
    this.guard = guard;
    this.metadata = metadata;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    if (!guard.hostAllowed(req.getHeader("Host"))
        || !guard.originAllowed(req.getHeader("Origin"))) {
      // The endpoint refuses these itself, with the same answer as without credentials.
      chain.doFilter(request, response);
      return;
    }
    Optional<AuthRefusal> refusal = auth.check(name -> Optional.ofNullable(req.getHeader(name)));
    if (refusal.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    refuse((HttpServletResponse) response, challenge(req, refusal.get()), refusal.get());
  }

  private String challenge(HttpServletRequest req, AuthRefusal refusal) {
    StringBuilder value =
        new StringBuilder("Bearer resource_metadata=\"")
            .append(metadata.documentUrl(req, req.getRequestURI()))
            .append('"');
    refusal
        .error()
        .ifPresent(error ->
            value
                .append(", error=\"")
                .append(error)
                .append("\", error_description=\"")
                .append(quotable(refusal.description()))
                .append('"'));
    return value.toString();
  }

  /** Text for a quoted-string: escaped quotes and backslashes, no line breaks or controls. */
  private static String quotable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void refuse(HttpServletResponse resp, String challenge, AuthRefusal refusal)
      throws IOException {
    byte[] body =
        Json.bytes(
            Response.error(
                    null,
                    new GatewayException(
                        ErrorCode.INVALID_REQUEST, "Unauthorized: " + refusal.description()))
                .json());
    resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    resp.setHeader("WWW-Authenticate", challenge);
    resp.setContentType("application/json");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
