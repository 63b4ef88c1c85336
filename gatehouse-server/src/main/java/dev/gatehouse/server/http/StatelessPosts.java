package dev.gatehouse.server.http;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.modern.Envelope;
import dev.gatehouse.modern.McpHeaders;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.transport.HandlerCalls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The POSTs of the stateless revision (2026-07-28) at the Streamable HTTP endpoint: no session, the
 * envelope and mirrored headers checked before the handler runs, the answer's HTTP status chosen by
 * the revision's rules. Keeps the requests in progress, so a shutdown can end them (open {@code
 * subscriptions/listen} streams in particular).
 */
final class StatelessPosts {
  private final McpHandlerResolver resolver;
  private final HttpTransportOptions options;
  private final Set<PostExchange> running = ConcurrentHashMap.newKeySet();

  StatelessPosts(McpHandlerResolver resolver, HttpTransportOptions options) {
    this.resolver = resolver;
    this.options = options;
  }

  /** Tells every request in progress that the endpoint is going away. */
  void shutdown() {
    running.forEach(PostExchange::close);
  }

  /**
   * A 2026-07-28 message: no session, the envelope and the mirrored headers checked first (400 with
   * the revision's error codes), then the handler with an exchange built from the envelope.
   */
  void post(Message message, HttpServletRequest req, HttpServletResponse resp, AcceptHeader accept)
      throws IOException {
    String path = StreamableHttpServlet.pathRemainder(req);
    Optional<McpHandler> found = resolver.resolve(path);
    JsonNode id = message instanceof Request r ? r.id() : null;
    if (found.isEmpty()) {
      HttpReplies.error(
          resp, 404, id, StreamableHttpServlet.notFound("No MCP endpoint at this path"));
      return;
    }
    McpHandler handler = found.get();
    Function<String, Optional<String>> headers = name -> Optional.ofNullable(req.getHeader(name));
    if (message instanceof Notification notification) {
      // Closing a response stream is this revision's cancellation over HTTP, and request ids are
      // only unique per client, so a posted cancellation could hit another client's request.
      if (!McpMethods.CANCELLED.equals(notification.method())) {
        String version =
            Optional.ofNullable(req.getHeader(StreamableHttpServlet.PROTOCOL_VERSION_HEADER))
                .map(String::strip)
                .orElse(ProtocolVersion.LATEST_STATELESS);
        PostExchange exchange =
            new PostExchange(
                Optional.empty(),
                version,
                Json.object(),
                req,
                resp,
                accept,
                options.keepAliveInterval(),
                false);
        HandlerCalls.onNotification(handler, notification, exchange);
      }
      HttpReplies.status(resp, HttpServletResponse.SC_ACCEPTED);
      return;
    }
    Request request = (Request) message;
    Envelope envelope;
    try {
      McpHeaders.checkAgreement(request, headers);
      envelope = Envelope.read(request, handler.protocolVersions());
      McpHeaders.check(request, headers);
    } catch (GatewayException e) {
      HttpReplies.error(resp, 400, request.id(), e);
      return;
    }
    if (McpMethods.SUBSCRIPTIONS_LISTEN.equals(request.method()) && !accept.eventStream()) {
      HttpReplies.error(
          resp,
          406,
          request.id(),
          new GatewayException(
              ErrorCode.INVALID_REQUEST,
              "Not Acceptable: subscriptions/listen answers with text/event-stream"));
      return;
    }
    PostExchange exchange =
        new PostExchange(
            Optional.empty(),
            envelope.protocolVersion(),
            envelope.clientCapabilities(),
            req,
            resp,
            accept,
            options.keepAliveInterval(),
            options.streamResponses());
    running.add(exchange);
    try {
      Response answer = HandlerCalls.handle(handler, request, exchange);
      exchange.complete(answer, statusOf(answer));
    } finally {
      running.remove(exchange);
    }
  }

  /**
   * The HTTP status of a stateless answer sent as plain JSON: the revision's request errors are
   * 400, an unknown method 404, everything else (tool errors included) 200.
   */
  private static int statusOf(Response answer) {
    int code = answer.error().map(e -> e.path("code").asInt(0)).orElse(0);
    return switch (code) {
      case JsonRpcCodes.HEADER_MISMATCH,
          JsonRpcCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
          JsonRpcCodes.UNSUPPORTED_PROTOCOL_VERSION ->
          HttpServletResponse.SC_BAD_REQUEST;
      case JsonRpcCodes.METHOD_NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
      default -> HttpServletResponse.SC_OK;
    };
  }
}
