package dev.gatehouse.server.admin;

import dev.gatehouse.Gateway;
import dev.gatehouse.client.ClientOptions;
import dev.gatehouse.client.GatewayClient;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.http.HttpTransportOptions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools REST API, mounted at {@code /admin/tools/*}, for clients that do not speak MCP:
 *
 * <ul>
 *   <li>{@code GET /admin/tools[?group=g]}: {@code {"tools": [definition, ...]}}
 *   <li>{@code GET /admin/tools/{name}[?group=g]}: one tool's definition
 *   <li>{@code POST /admin/tools/{name}/call[?group=g]} with {@code {"arguments": {...}}}: the MCP
 *       {@code CallToolResult}
 * </ul>
 *
 * Every request is an in-process client session of the gateway, so it passes the same views and
 * hooks as {@code /mcp}; the request's headers reach the authenticators. Errors carry the stable
 * code: 404 {@code tool_not_found}, 403 {@code DENIED_BY_POLICY}, 503 {@code SERVER_UNAVAILABLE},
 * 504 {@code TIMEOUT}, 502 {@code upstream_error} (with the upstream's own error).
 */
public final class ToolsServlet extends AdminServlet {
  private static final long serialVersionUID = 1L;

  private final transient Gateway gateway;

  public ToolsServlet(Gateway gateway, HttpTransportOptions options) {
    super(options);
    this.gateway = gateway;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    try (GatewayClient client = gateway.client(options(req))) {
      if (path.equals("/")) {
        ObjectNode body = Json.object();
        client.listTools().forEach(body.putArray("tools")::add);
        AdminReplies.json(resp, 200, body);
        return;
      }
      String name = path.substring(1);
      if (name.contains("/")) {
        AdminReplies.error(resp, 404, "not_found", "No such route");
        return;
      }
      Optional<ObjectNode> tool = client.tool(name);
      if (tool.isEmpty()) {
        AdminReplies.error(
            resp, new GatewayException(ErrorCode.TOOL_NOT_FOUND, "Unknown tool: " + name));
      } else {
        AdminReplies.json(resp, 200, tool.get());
      }
    } catch (GatewayException e) {
      AdminReplies.error(resp, e);
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    if (!path.endsWith("/call")) {
      AdminReplies.error(resp, 404, "not_found", "POST /admin/tools/{name}/call calls a tool");
      return;
    }
    String name = path.substring(1, path.length() - "/call".length());
    if (name.isEmpty() || name.contains("/")) {
      AdminReplies.error(resp, 404, "not_found", "POST /admin/tools/{name}/call calls a tool");
      return;
    }
    Optional<byte[]> body = body(req);
    if (body.isEmpty()) {
      AdminReplies.error(resp, 413, "invalid_request", "The request body is too large");
      return;
    }
    try {
      ObjectNode arguments = arguments(body.get());
      try (GatewayClient client = gateway.client(options(req))) {
        ToolResult result = client.callTool(name, arguments);
        AdminReplies.json(resp, 200, result.json());
      }
    } catch (GatewayException e) {
      AdminReplies.error(resp, e);
    }
  }

  /** {@code {"arguments": {...}}}; an empty body means no arguments. */
  private static ObjectNode arguments(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    JsonNode json = Json.parse(body);
    if (!(json instanceof ObjectNode object)) {
      throw new GatewayException(
          ErrorCode.INVALID_PARAMS, "The body must be {\"arguments\": {...}}");
    }
    JsonNode arguments = object.get("arguments");
    if (arguments == null || arguments.isNull()) {
      return Json.object();
    }
    if (!(arguments instanceof ObjectNode args)) {
      throw new GatewayException(ErrorCode.INVALID_PARAMS, "\"arguments\" must be an object");
    }
    return args;
  }

  private static ClientOptions options(HttpServletRequest req) {
    ClientOptions options =
        ClientOptions.defaults().withHeaders(name -> Optional.ofNullable(req.getHeader(name)));
    String group = req.getParameter("group");
    return group == null || group.isBlank() ? options : options.withGroup(group);
  }
}
