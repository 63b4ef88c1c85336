package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.McpHandler;

/** Serves a handler on this process's stdin and stdout, the way a stdio upstream runs. */
final class StdioRunner {

  private StdioRunner() {}

  static void serve(McpHandler handler) {
    System.err.println(
        "stdio serving is not available yet: it needs the server module's StdioServer");
    System.exit(2);
  }
}
