package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.server.http.HttpTransportOptions;
import java.net.URI;
import java.util.List;

/**
 * An MCP handler served over Streamable HTTP on 127.0.0.1 at {@code /mcp}, by the gateway's own
 * servlet and HTTP server, with every HTTP request recorded. The port is ephemeral unless given.
 */
public final class HttpTestServer implements AutoCloseable {
  public static final String PATH = "/mcp";

  private final GatehouseHttpServer http;
  private final RecordingMcpServlet servlet;

  private HttpTestServer(GatehouseHttpServer http, RecordingMcpServlet servlet) {
    this.http = http;
    this.servlet = servlet;
  }

  /** Serves {@code handler} on an ephemeral loopback port. */
  public static HttpTestServer start(McpHandler handler) {
    return start(handler, 0);
  }

  /** Serves {@code handler} on {@code port} of 127.0.0.1 (0 picks a free one). */
  public static HttpTestServer start(McpHandler handler, int port) {
    RecordingMcpServlet servlet = new RecordingMcpServlet(handler, HttpTransportOptions.defaults());
    GatehouseHttpServer http =
        GatehouseHttpServer.builder()
            .host("127.0.0.1")
            .port(port)
            .servlet(PATH, servlet)
            .build()
            .start();
    return new HttpTestServer(http, servlet);
  }

  /** {@code http://127.0.0.1:<port>/mcp}. */
  public URI url() {
    return http.uri().resolve(PATH);
  }

  public int port() {
    return http.port();
  }

  /** Every HTTP request received so far, in arrival order. */
  public List<RecordedHttpRequest> httpRequests() {
    return servlet.recorded();
  }

  public void clearHttpRequests() {
    servlet.clearRecorded();
  }

  /**
   * Ends every session, as a restarted upstream would: requests naming an old session get 404 and
   * the client has to initialize again.
   */
  public void forgetSessions() {
    servlet.forgetSessions();
  }

  @Override
  public void close() {
    http.close();
  }
}
