package dev.gatehouse.upstream;

import dev.gatehouse.protocol.Response;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One upstream MCP server kept connected: it starts the process or opens the HTTP session, runs the
 * initialize handshake, reconnects with backoff after a loss and re-initializes when the upstream
 * forgets its session. Requests block the calling (virtual) thread.
 *
 * <p>A dead upstream never throws anything but {@link dev.gatehouse.protocol.GatewayException} with
 * {@code SERVER_UNAVAILABLE}, {@code TIMEOUT} or {@code CANCELLED}; interrupting the calling thread
 * cancels the request upstream.
 */
public interface UpstreamConnection extends AutoCloseable {

  UpstreamConfig config();

  default String name() {
    return config().name();
  }

  UpstreamState state();

  /** Why the upstream is unavailable, when it is. */
  Optional<String> lastError();

  /** The live session's initialize result; empty until the first handshake succeeds. */
  Optional<ServerInfo> serverInfo();

  /** Starts connecting in the background; returns at once. */
  void start();

  /**
   * Sends a request and waits for the response, which comes back under the caller's own view: the
   * response's id is the one the caller would expect for a fresh request (ids on the upstream wire
   * are the connection's own). An upstream JSON-RPC error is returned as an error response, not
   * thrown.
   */
  Response request(String method, ObjectNode params, CallOptions options);

  /** Sends a notification (cancelled, roots/list_changed, ...). Dropped when not ready. */
  void notify(String method, ObjectNode params);

  void addListener(UpstreamListener listener);

  /** Closes the session and stops the child process; idempotent. */
  @Override
  void close();
}
