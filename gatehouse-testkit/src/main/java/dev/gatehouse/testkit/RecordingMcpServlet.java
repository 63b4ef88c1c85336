package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.server.container.HttpContainer;
import dev.gatehouse.server.http.HttpTransportOptions;
import dev.gatehouse.server.http.McpHandlerResolver;
import dev.gatehouse.server.http.StreamableHttpServlet;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway's own {@link StreamableHttpServlet} with a recorder in front: every HTTP request is
 * kept (headers and body) for assertions, and a {@link Fault#dropConnection()} planned on a {@link
 * TestServer} closes the TCP connection instead of answering.
 */
final class RecordingMcpServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient McpHandler handler;
  private final transient StreamableHttpServlet endpoint;
  private final transient List<RecordedHttpRequest> recorded = new CopyOnWriteArrayList<>();

  RecordingMcpServlet(McpHandler handler, HttpTransportOptions options) {
    this.handler = handler;
    this.endpoint = StreamableHttpServlet.of(McpHandlerResolver.of(handler), options);
  }

  List<RecordedHttpRequest> recorded() {
    return List.copyOf(recorded);
  }

  void clearRecorded() {
    recorded.clear();
  }

  /** Ends every session, as a restarted server would; clients must initialize again. */
  void forgetSessions() {
    endpoint.shutdown();
    endpoint.init();
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    endpoint.init(config);
  }

  @Override
  public void destroy() {
    endpoint.destroy();
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    byte[] body =
        "POST".equals(req.getMethod()) ? req.getInputStream().readAllBytes() : new byte[0];
    recorded.add(record(req, body));
    if (handler instanceof TestServer server && dropPlanned(server, body)) {
      if (!HttpContainer.abortConnection(req)) {
        throw new IllegalStateException("Cannot drop a connection of another server");
      }
      return;
    }
    endpoint.service(new ReplayedBody(req, body), resp);
  }

  private static boolean dropPlanned(TestServer server, byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try {
      return Message.parse(body) instanceof Request request && server.takeDropFault(request);
    } catch (GatewayException e) {
      return false; // Not a valid message: the endpoint answers it.
    }
  }

  private static RecordedHttpRequest record(HttpServletRequest req, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      headers
          .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .addAll(Collections.list(req.getHeaders(name)));
    }
    Optional<String> text =
        body.length == 0 ? Optional.empty() : Optional.of(new String(body, StandardCharsets.UTF_8));
    return new RecordedHttpRequest(req.getMethod(), req.getRequestURI(), headers, text);
  }

  /** The request with its body, already read for the record, readable once more. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }
  }
}
