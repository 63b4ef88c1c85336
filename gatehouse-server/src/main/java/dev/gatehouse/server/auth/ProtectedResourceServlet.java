package dev.gatehouse.server.auth;

import dev.gatehouse.protocol.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The protected resource metadata document (RFC 9728) at {@code
 * /.well-known/oauth-protected-resource} (the gateway) and {@code
 * /.well-known/oauth-protected-resource/mcp} (an MCP endpoint's own path appended), as MCP clients
 * look for it after a 401. Mount at {@value ResourceMetadata#WELL_KNOWN} and {@code /*} below it.
 */
public final class ProtectedResourceServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient ResourceMetadata metadata;
  private final transient Predicate<String> endpoints;

  /**
   * @param endpoints which resource paths exist ({@code /mcp}, {@code /mcp/g/ops}); others answer
   *     404
   */
  public ProtectedResourceServlet(ResourceMetadata metadata, Predicate<String> endpoints) {
    this.metadata = metadata;
    this.endpoints = endpoints;
  }

  /** The gateway's MCP endpoints: {@code /mcp} and {@code /mcp/g/{group}}. */
  public static Predicate<String> gatewayEndpoints() {
    return path -> Set.of("", "/mcp").contains(path) || path.matches("/mcp/g/[a-z0-9-]+");
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    if (path.equals("/")) {
      path = "";
    }
    if (!endpoints.test(path)) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    byte[] body = Json.bytes(metadata.document(req, path));
    resp.setStatus(HttpServletResponse.SC_OK);
    resp.setContentType("application/json");
    resp.setHeader("Cache-Control", "max-age=300");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
