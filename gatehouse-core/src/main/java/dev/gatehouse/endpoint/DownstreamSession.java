package dev.gatehouse.endpoint;

import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session-era client connection (protocol 2025-11-25 and older), from {@code initialize} to
 * DELETE or disconnect. The transport owns it; handlers keep their own state in {@link
 * #attributes()}.
 */
public interface DownstreamSession {

  /** The session id ({@code Mcp-Session-Id} on HTTP; generated for stdio). */
  String id();

  /** The negotiated protocol revision. */
  String protocolVersion();

  /** {@code params.capabilities} of the client's initialize request. */
  ObjectNode clientCapabilities();

  /** {@code params.clientInfo} of the client's initialize request. */
  ObjectNode clientInfo();

  /** Handler state for this session; thread-safe. */
  ConcurrentMap<String, Object> attributes();

  /**
   * Sends a notification not tied to any client request (list_changed, resource updates). On HTTP
   * it goes on the GET stream; when none is open it is kept in a small bounded queue until one is.
   */
  void notify(Notification notification);

  /** Sends a request to the client that is not tied to a client request, and waits. */
  Response request(String method, ObjectNode params, Duration timeout);

  /** False once the session has ended. */
  boolean isOpen();
}
