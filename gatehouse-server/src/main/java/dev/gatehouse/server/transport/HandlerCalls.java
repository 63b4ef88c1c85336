package dev.gatehouse.server.transport;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an {@link McpHandler} so that nothing it throws reaches the wire as anything but a JSON-RPC
 * error: a {@link GatewayException} keeps its code and message, anything else becomes a bare
 * internal error and a log line.
 */
public final class HandlerCalls {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);

  private HandlerCalls() {}

  /** The handler's answer to a request, or an error response in its stead. */
  public static Response handle(McpHandler handler, Request request, Exchange exchange) {
    try {
      Response response = handler.handle(request, exchange);
      if (response == null) {
        LOG.warn("Handler returned no response to {}", request.method());
        return internalError(request);
      }
      return response;
    } catch (GatewayException e) {
      return Response.error(request.id(), e);
    } catch (RuntimeException e) {
      LOG.error("Handler failed on {}", request.method(), e);
      return internalError(request);
    }
  }

  /** Delivers a notification; failures are logged, since a notification has nobody to answer. */
  public static void onNotification(
      McpHandler handler, Notification notification, Exchange exchange) {
    try {
      handler.onNotification(notification, exchange);
    } catch (RuntimeException e) {
      LOG.error("Handler failed on notification {}", notification.method(), e);
    }
  }

  /** Tells the handler that a session ended; failures are logged. */
  public static void onSessionClosed(McpHandler handler, DownstreamSession session) {
    try {
      handler.onSessionClosed(session);
    } catch (RuntimeException e) {
      LOG.error("Handler failed while closing session", e);
    }
  }

  private static Response internalError(Request request) {
    return Response.error(
        request.id(), new GatewayException(ErrorCode.INTERNAL_ERROR, "Internal error"));
  }
}
