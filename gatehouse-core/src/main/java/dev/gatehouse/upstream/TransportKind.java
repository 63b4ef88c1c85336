package dev.gatehouse.upstream;

/** How the gateway reaches an upstream server. */
public enum TransportKind {
  /** A child process speaking newline-delimited JSON-RPC on stdin/stdout. */
  STDIO,
  /** Streamable HTTP (protocol 2025-03-26 and later). */
  HTTP,
  /** The legacy HTTP+SSE transport of protocol 2024-11-05. */
  SSE;

  /**
   * Parses the config spelling: {@code stdio}, {@code http} (or {@code streamable-http}), {@code
   * sse}.
   */
  public static TransportKind parse(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "stdio" -> STDIO;
      case "http", "streamable-http", "streamable_http", "streamablehttp" -> HTTP;
      case "sse" -> SSE;
      default ->
          throw new IllegalArgumentException(
              "unknown transport \"" + text + "\" (expected stdio, http or sse)");
    };
  }
}
