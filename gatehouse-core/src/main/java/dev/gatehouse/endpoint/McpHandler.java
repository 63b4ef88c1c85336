package dev.gatehouse.endpoint;

import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.List;

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

  /**
   * The protocol revisions this handler serves. A transport answers a request that claims any other
   * stateless revision with {@code UnsupportedProtocolVersion} itself. The default is the session
   * era only: a handler serves stateless (2026-07-28) requests once it says so, usually by being
   * wrapped in {@link dev.gatehouse.modern.DualEraHandler}.
   */
  default List<String> protocolVersions() {
    return ProtocolVersion.SESSION_ERA;
  }
}
