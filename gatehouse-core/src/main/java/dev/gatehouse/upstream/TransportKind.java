package dev.gatehouse.upstream;

/** How the gateway reaches an upstream server. */
public enum TransportKind {
  /** A child process speaking newline-delimited JSON-RPC on stdin/stdout. */
  STDIO,
  /** Streamable HTTP (protocol 2025-03-26 and later). */
  HTTP,
  /** The legacy HTTP+SSE transport of protocol 2024-11-05. */
  SSE,
  /**
   * A URL whose transport was not given: the connection tries Streamable HTTP first (POST {@code
   * initialize}) and falls back to legacy SSE when that POST is answered with 400, 404 or 405, as
   * the specification's backwards-compatibility section describes. Detection runs again on every
   * reconnect.
   */
  AUTO;

  /** True for the transports that reach the server by URL. */
  public boolean usesUrl() {
    return this != STDIO;
  }

  /**
   * Parses the config spelling: {@code stdio}, {@code http} (or {@code streamable-http}), {@code
   * sse}, {@code auto}.
   */
  public static TransportKind parse(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "stdio" -> STDIO;
      case "http", "streamable-http", "streamable_http", "streamablehttp" -> HTTP;
      case "sse" -> SSE;
      case "auto" -> AUTO;
      default ->
          throw new IllegalArgumentException(
              "unknown transport \"" + text + "\" (expected stdio, http, sse or auto)");
    };
  }
}
