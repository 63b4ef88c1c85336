package dev.gatehouse.client;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.hook.UpstreamError;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP client session inside the gateway's own process: requests go straight to the endpoint's
 * handler, through the very same views and hooks as {@code /mcp}, with no HTTP in between. Open one
 * with {@code gateway.client()} for several calls on one session; thread-safe.
 *
 * <pre>{@code
 * try (GatewayClient client = gateway.client()) {
 *   ToolResult sum = client.callTool("math_add", Json.object().put("a", 1).put("b", 2));
 * }
 * }</pre>
 */
public final class GatewayClient implements AutoCloseable {
  private final McpHandler handler;
  private final InProcessSession session;
  private final AtomicLong ids = new AtomicLong();
  private Optional<String> instructions = Optional.empty();

  private GatewayClient(McpHandler handler, InProcessSession session) {
    this.handler = handler;
    this.session = session;
  }

  /**
   * Opens a session on {@code handler} (runs {@code initialize}).
   *
   * @throws GatewayException when the handshake fails
   */
  public static GatewayClient open(McpHandler handler, ClientOptions options) {
    Objects.requireNonNull(handler, "handler");
    InProcessSession session = new InProcessSession(options);
    GatewayClient client = new GatewayClient(handler, session);
    ObjectNode params = Json.object();
    params.put("protocolVersion", ProtocolVersion.LATEST_SESSION_ERA);
    params.putObject("capabilities");
    params.set("clientInfo", session.clientInfo());
    client.instructions =
        Json.string(client.request(McpMethods.INITIALIZE, params), "instructions");
    handler.onNotification(Notification.of(McpMethods.INITIALIZED, null), session);
    return client;
  }

  /**
   * Calls a tool by the name clients see.
   *
   * @return the result; a tool that reports its own failure returns one with {@code isError}
   * @throws GatewayException when the call fails: {@code tool_not_found}, {@code DENIED_BY_POLICY},
   *     {@code SERVER_UNAVAILABLE}, {@code TIMEOUT}, or an {@link UpstreamError} carrying the
   *     upstream's own error
   */
  public ToolResult callTool(String name, ObjectNode arguments) {
    ObjectNode params = Json.object();
    params.put("name", name);
    params.set("arguments", arguments == null ? Json.object() : arguments.deepCopy());
    JsonNode result = request(McpMethods.TOOLS_CALL, params);
    if (!(result instanceof ObjectNode object)) {
      throw new GatewayException(ErrorCode.INTERNAL_ERROR, "tools/call answered no object");
    }
    return new ToolResult(object);
  }

  /** What the gateway's {@code initialize} answer tells a model about using it, if anything. */
  public Optional<String> instructions() {
    return instructions;
  }

  /** Every tool this session sees, all pages. */
  public List<ObjectNode> listTools() {
    List<ObjectNode> tools = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      ObjectNode params = Json.object();
      cursor.ifPresent(c -> params.put("cursor", c));
      JsonNode page = request(McpMethods.TOOLS_LIST, params);
      page.path("tools").forEach(t -> tools.add((ObjectNode) t));
      cursor = Json.string(page, "nextCursor");
    } while (cursor.isPresent());
    return tools;
  }

  /** The tool's definition, if this session sees it. */
  public Optional<ObjectNode> tool(String name) {
    return listTools().stream().filter(t -> name.equals(t.path("name").asString(""))).findFirst();
  }

  /**
   * Sends any request and returns its result.
   *
   * @throws GatewayException for an error answer
   */
  public JsonNode request(String method, ObjectNode params) {
    Request request = Request.of(LongNode.valueOf(ids.incrementAndGet()), method, params);
    Response response = handler.handle(request, session);
    if (response.isError()) {
      throw failure(response.error().orElseThrow());
    }
    return response.result().orElse(Json.object());
  }

  /** Ends the session. */
  @Override
  public void close() {
    if (session.isOpen()) {
      session.close();
      handler.onSessionClosed(session);
    }
  }

  /** The gateway's own errors keep their stable code; an upstream's error stays as it was. */
  private static GatewayException failure(ObjectNode error) {
    String id = error.path("data").path("code").asString("");
    for (ErrorCode code : ErrorCode.values()) {
      if (code.id().equals(id)) {
        ObjectNode data = error.get("data") instanceof ObjectNode d ? d.deepCopy() : null;
        if (data != null) {
          data.remove("code");
        }
        return new GatewayException(
            code,
            error.path("message").asString(code.id()),
            data == null || data.isEmpty() ? null : data,
            null);
      }
    }
    return new UpstreamError(error);
  }
}
