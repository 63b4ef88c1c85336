package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.stdio.StdioServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Serves a handler on this process's stdin and stdout, the way a stdio upstream runs, until stdin
 * ends. {@code System.out} is pointed at stderr first, so no stray print or log line can corrupt
 * the protocol stream.
 */
final class StdioRunner {

  private StdioRunner() {}

  static void serve(McpHandler handler) {
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    StdioServer.of(new ExitOnDrop(handler), new FileInputStream(FileDescriptor.in), protocol).run();
  }

  /** Over stdio, dropping the connection means the process dies without a word. */
  private record ExitOnDrop(McpHandler delegate) implements McpHandler {
    static final int DROPPED_EXIT_CODE = 3;

    @Override
    public Response handle(Request request, Exchange exchange) {
      try {
        return delegate.handle(request, exchange);
      } catch (ConnectionDropped e) {
        System.err.println("exiting: " + e.getMessage());
        Runtime.getRuntime().halt(DROPPED_EXIT_CODE);
        throw e;
      }
    }

    @Override
    public void onNotification(Notification notification, Exchange exchange) {
      delegate.onNotification(notification, exchange);
    }

    @Override
    public void onSessionClosed(DownstreamSession session) {
      delegate.onSessionClosed(session);
    }
  }
}
