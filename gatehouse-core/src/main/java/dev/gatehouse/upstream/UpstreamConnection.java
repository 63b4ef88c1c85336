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

  /**
   * Starts connecting in the background; returns at once. Add listeners first to see every state
   * change. Calling it again does nothing.
   */
  void start();

  /**
   * Sends a request and waits for the response. An upstream JSON-RPC error is returned as an error
   * response, not thrown.
   *
   * <p>Ids: the connection numbers its requests itself (a JSON integer, increasing and unique for
   * the connection's lifetime, across reconnects). The returned response is the upstream's answer
   * as it arrived and carries that upstream id, never an id of the caller; re-id it with {@link
   * Response#withId} before passing it on. {@code params} is not modified: when it carries {@code
   * _meta.progressToken}, a copy with a connection-unique token goes upstream and progress comes
   * back to {@link CallOptions#origin()} under the caller's original token.
   *
   * @throws dev.gatehouse.protocol.GatewayException {@code SERVER_UNAVAILABLE} when the connection
   *     is not ready or is lost while waiting; {@code TIMEOUT} after {@link CallOptions#timeout()}
   *     (a {@code notifications/cancelled} goes upstream); {@code CANCELLED} when the calling
   *     thread is interrupted (likewise cancelled upstream; the interrupt flag stays set); {@code
   *     UPSTREAM_ERROR} when an HTTP upstream rejects the request with a 4xx status
   */
  Response request(String method, ObjectNode params, CallOptions options);

  /** Sends a notification (cancelled, roots/list_changed, ...). Dropped when not ready. */
  void notify(String method, ObjectNode params);

  void addListener(UpstreamListener listener);

  /** Closes the session and stops the child process; idempotent. */
  @Override
  void close();
}
