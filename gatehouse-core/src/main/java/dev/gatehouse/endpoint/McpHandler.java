package dev.gatehouse.endpoint;

import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;

/**
 * The server side of MCP as a transport sees it. The gateway engine implements it, and so do the
 * test servers of the testkit; the Streamable HTTP servlet, the stdio server and the in-process
 * client all drive it the same way.
 *
 * <p>Calls arrive on virtual threads and may block. Implementations answer protocol problems with
 * an error {@link Response}, never by throwing.
 */
public interface McpHandler {

  /**
   * Answers one client request, {@code initialize} included. The transport creates the session
   * before calling this for {@code initialize} and keeps it only when the answer is a success.
   */
  Response handle(Request request, Exchange exchange);

  /** A client notification: initialized, cancelled, progress, roots/list_changed, ... */
  default void onNotification(Notification notification, Exchange exchange) {}

  /** The session ended: DELETE, a closed stdio pipe, or expiry. */
  default void onSessionClosed(DownstreamSession session) {}
}
