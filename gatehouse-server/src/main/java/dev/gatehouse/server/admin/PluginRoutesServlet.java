package dev.gatehouse.server.admin;

import dev.gatehouse.plugin.AdminReply;
import dev.gatehouse.plugin.AdminRequest;
import dev.gatehouse.plugin.AdminRoute;
import dev.gatehouse.plugin.Plugins;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.http.HttpTransportOptions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plugins' admin routes, mounted at {@code /admin/plugins/*}: a request to {@code
 * /admin/plugins/{name}/rest} goes to plugin {@code name}'s {@link AdminRoute} with path {@code
 * /rest}. {@code GET /admin/plugins} lists the plugins.
 */
public final class PluginRoutesServlet extends AdminServlet {
  private static final long serialVersionUID = 1L;

  private final transient Plugins plugins;

  public PluginRoutesServlet(Plugins plugins, HttpTransportOptions options) {
    super(options);
    this.plugins = plugins;
  }

  /** Every method goes to the plugin's route, which decides what it answers. */
  @Override
  void dispatch(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    if (path.equals("/")) {
      if (!req.getMethod().equals("GET")) {
        AdminReplies.error(resp, 405, "method_not_allowed", "GET lists the plugins");
        return;
      }
      ObjectNode body = Json.object();
      ArrayNode list = body.putArray("plugins");
      for (String name : plugins.names()) {
        list.addObject().put("name", name).put("admin_route", plugins.adminRoute(name).isPresent());
      }
      AdminReplies.json(resp, 200, body);
      return;
    }
    int slash = path.indexOf('/', 1);
    String name = slash < 0 ? path.substring(1) : path.substring(1, slash);
    String rest = slash < 0 ? "" : path.substring(slash);
    Optional<AdminRoute> route = plugins.adminRoute(name);
    if (route.isEmpty()) {
      AdminReplies.error(resp, 404, "not_found", "No plugin route named " + name);
      return;
    }
    Optional<byte[]> body = body(req);
    if (body.isEmpty()) {
      AdminReplies.error(resp, 413, "invalid_request", "The request body is too large");
      return;
    }
    AdminReply reply;
    try {
      reply =
          route
              .get()
              .handle(
                  new AdminRequest(
                      req.getMethod(),
                      rest,
                      query(req),
                      header -> Optional.ofNullable(req.getHeader(header)),
                      body.get()));
    } catch (GatewayException e) {
      AdminReplies.error(resp, e);
      return;
    }
    resp.setStatus(reply.status());
    resp.setContentType(reply.contentType());
    resp.setContentLength(reply.body().length);
    resp.getOutputStream().write(reply.body());
  }

  private static Map<String, List<String>> query(HttpServletRequest req) {
    return req.getParameterMap().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Arrays.asList(e.getValue())));
  }
}
