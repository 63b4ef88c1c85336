package dev.gatehouse.server.http;

import dev.gatehouse.protocol.Message;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The Server-Sent Events wire format: one JSON-RPC message per {@code message} event. */
final class SseEvents {
  private static final byte[] EVENT_PREFIX =
      "event: message\ndata: ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KEEP_ALIVE = ":\n\n".getBytes(StandardCharsets.UTF_8);

  private SseEvents() {}

  /** Commits the response as an event stream. */
  static void begin(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(AcceptHeader.EVENT_STREAM);
    response.setHeader("Cache-Control", "no-cache, no-transform");
    // Tells nginx and similar proxies not to hold events back.
    response.setHeader("X-Accel-Buffering", "no");
    response.flushBuffer();
  }

  /** Writes and flushes one message. Compact JSON never contains a newline, so one data line. */
  static void write(OutputStream out, Message message) throws IOException {
    out.write(EVENT_PREFIX);
    JsonBodies.write(out, message.json());
    out.write(EVENT_END);
    out.flush();
  }

  /** A comment line: clients ignore it, but a dead connection fails the write. */
  static void keepAlive(OutputStream out) throws IOException {
    out.write(KEEP_ALIVE);
    out.flush();
  }
}
