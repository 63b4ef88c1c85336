package dev.gatehouse.it.sdk;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The fixture server over the SDK's stdio transport, as a program the gateway starts as a child
 * process. Besides the shared fixture tools it has {@code crash}, which ends the process in the
 * middle of the call. Exits when the gateway closes its stdin.
 */
public final class StdioFixtureMain {
  /** The exit status of the crash tool, so a log line can tell a crash from a normal exit. */
  static final int CRASH_STATUS = 3;

  private StdioFixtureMain() {}

  public static void main(String[] args) throws InterruptedException {
    InboundNotifications inbound = new InboundNotifications();
    CountDownLatch stdinClosed = new CountDownLatch(1);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(
            FixtureJson.MAPPER,
            new ObservedInput(System.in, inbound, stdinClosed::countDown),
            System.out);
    McpSyncServer server =
        FixtureServer.build(
            McpServer.sync(transport).jsonMapper(FixtureJson.MAPPER), inbound, List.of(crash()));
    stdinClosed.await();
    server.close();
    System.exit(0);
  }

  private static SyncToolSpecification crash() {
    return FixtureTools.tool(
        FixtureTools.plain("crash", "Ends the server process while the call is running"),
        (exchange, request) -> {
          Runtime.getRuntime().halt(CRASH_STATUS);
          return FixtureTools.text("unreachable");
        });
  }
}
