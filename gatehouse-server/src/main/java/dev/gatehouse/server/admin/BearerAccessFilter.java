package dev.gatehouse.server.admin;

import dev.gatehouse.server.http.RequestGuard;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Guards a tree of routes that change the gateway: the {@code Host} and {@code Origin} checks of
 * the MCP endpoint against DNS rebinding (a web page must not drive the admin API of a gateway on
 * the same machine), then, when a token is configured, {@code Authorization: Bearer <token>}.
 * Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so neither their
 * content nor their length shows in the time a refusal takes.
 */
final class BearerAccessFilter implements Filter {
  private static final String BEARER = "bearer ";
  private static final String COOKIE = "gatehouse_admin";
  private static final String TOKEN_PARAMETER = "token";

  private final RequestGuard guard;
  private final Optional<byte[]> expected;
  private final String realm;

  /**
   * @param token the token callers must present; empty lets every caller through the guard
   * @param realm named in {@code WWW-Authenticate}
   */
  BearerAccessFilter(RequestGuard guard, Optional<String> token, String realm) {
    this.guard = guard;
    this.expected = token.map(BearerAccessFilter::digest);
    this.realm = realm;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    if (!guard.hostAllowed(req.getHeader("Host"))) {
      refuse(resp, 403, "forbidden_host", "this Host is not allowed");
      return;
    }
    String origin = req.getHeader("Origin");
    if (!guard.originAllowed(origin) && !sameOrigin(origin, req)) {
      refuse(resp, 403, "forbidden_origin", "this Origin is not allowed");
      return;
    }
    if (expected.isPresent() && signIn(req, resp)) {
      return;
    }
    if (expected.isPresent()
        && !authorized(req.getHeader("Authorization"))
        && !matches(cookie(req).orElse(null))) {
      resp.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
      refuse(resp, 401, "unauthorized", "send Authorization: Bearer <token>");
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * Browsers cannot send a bearer token with a page load, so a page opened once as {@code
   * ?token=...} gets the token as an HttpOnly, same-site cookie for {@code /admin} and is
   * redirected to itself without the token in its address. True when it answered the request.
   */
  private boolean signIn(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String token = req.getParameter(TOKEN_PARAMETER);
    if (token == null || !"GET".equals(req.getMethod())) {
      return false;
    }
    if (!matches(token)) {
      return false;
    }
    resp.addHeader(
        "Set-Cookie",
        COOKIE
            + "="
            + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)
            + "; Path=/admin; HttpOnly; SameSite=Strict");
    resp.setStatus(303);
    resp.setHeader("Location", req.getRequestURI());
    return true;
  }

  private static Optional<String> cookie(HttpServletRequest req) {
    jakarta.servlet.http.Cookie[] cookies = req.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (jakarta.servlet.http.Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName())) {
        return Optional.of(java.net.URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private boolean matches(String token) {
    return token != null && MessageDigest.isEqual(digest(token), expected.orElseThrow());
  }

  /**
   * A page this server served calling back into it (the approval page on a named host). Safe after
   * the Host check: a rebound name never gets this far.
   */
  private static boolean sameOrigin(String origin, HttpServletRequest req) {
    String host = req.getHeader("Host");
    return host != null && origin.equalsIgnoreCase(req.getScheme() + "://" + host);
  }

  private boolean authorized(String header) {
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return false;
    }
    return matches(header.substring(BEARER.length()).trim());
  }

  private static void refuse(HttpServletResponse resp, int status, String code, String message)
      throws IOException {
    Reply.error(new ApiException(status, code, message, null)).writeTo(resp);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
