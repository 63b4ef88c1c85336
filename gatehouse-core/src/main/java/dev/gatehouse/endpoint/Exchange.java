package dev.gatehouse.endpoint;

import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client message being handled, with the ways to talk back to the client about it. In the
 * session era it belongs to a {@link DownstreamSession}; a stateless (2026-07-28) request carries
 * everything in its own {@code _meta}, so {@link #session()} is empty there.
 */
public interface Exchange {

  /** The session the message belongs to; empty for stateless requests. */
  Optional<DownstreamSession> session();

  /** The protocol revision this message is spoken in. */
  String protocolVersion();

  /** The client's declared capabilities (an empty object when none). */
  ObjectNode clientCapabilities();

  /** A request header of the transport (HTTP header, case-insensitive); empty on stdio. */
  Optional<String> header(String name);

  /**
   * Sends a notification that relates to this message (progress, log lines). On Streamable HTTP it
   * travels on this request's own SSE stream, which turns the answer into an SSE response.
   */
  void notify(Notification notification);

  /**
   * Sends a request to the client that relates to this message (sampling, elicitation, roots) and
   * waits for the client's answer. The transport assigns the id; the returned response carries it.
   *
   * @throws dev.gatehouse.protocol.GatewayException with {@code TIMEOUT} when no answer comes in
   *     time, or {@code CAPABILITY_NOT_SUPPORTED} when the transport cannot reach the client
   */
  Response request(String method, ObjectNode params, Duration timeout);

  /**
   * The lowest log level the client asked for on this message alone ({@code
   * io.modelcontextprotocol/logLevel} in a 2026-07-28 request's {@code _meta}). Empty when the
   * client did not ask per message; in the session era the level is set once with {@code
   * logging/setLevel} instead.
   */
  default Optional<String> logLevel() {
    return Optional.empty();
  }

  /**
   * Runs {@code action} once when the client stops waiting for the answer to this message: it
   * closed the response stream (the 2026-07-28 cancellation signal on HTTP), the connection went
   * away, or the transport shuts down. Runs at once when that already happened. Transports that
   * cannot tell never run it; the default does nothing.
   */
  default void onClose(Runnable action) {}
}
