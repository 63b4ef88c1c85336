package dev.gatehouse.it.sdk;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The fixture server over the SDK's Streamable HTTP servlet transport, in this JVM on a Jetty bound
 * to 127.0.0.1 and an ephemeral port.
 */
final class HttpFixtureUpstream implements AutoCloseable {
  private static final String ENDPOINT = "/mcp";

  private final Server jetty;
  private final ServerConnector connector;
  private final McpSyncServer server;
  private final InboundNotifications inbound;

  private HttpFixtureUpstream(
      Server jetty, ServerConnector connector, McpSyncServer server, InboundNotifications inbound) {
    this.jetty = jetty;
    this.connector = connector;
    this.server = server;
    this.inbound = inbound;
  }

  static HttpFixtureUpstream start() throws Exception {
    InboundNotifications inbound = new InboundNotifications();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(FixtureJson.MAPPER)
            .mcpEndpoint(ENDPOINT)
            .build();
    McpSyncServer server =
        FixtureServer.build(
            McpServer.sync(transport).jsonMapper(FixtureJson.MAPPER), inbound, List.of());

    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder recorder = new FilterHolder(new NotificationRecordingFilter(inbound));
    recorder.setAsyncSupported(true);
    context.addFilter(recorder, ENDPOINT, EnumSet.of(DispatcherType.REQUEST));
    ServletHolder holder = new ServletHolder(transport);
    holder.setAsyncSupported(true);
    context.addServlet(holder, ENDPOINT);
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      server.close();
      jetty.stop();
      throw e;
    }
    return new HttpFixtureUpstream(jetty, connector, server, inbound);
  }

  /** The MCP endpoint, {@code http://127.0.0.1:PORT/mcp}. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + ENDPOINT);
  }

  InboundNotifications inbound() {
    return inbound;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        jetty.stop();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("Stopping the fixture's Jetty failed", e);
      }
    }
  }
}
