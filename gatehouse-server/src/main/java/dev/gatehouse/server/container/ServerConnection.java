package dev.gatehouse.server.container;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served on its own virtual thread: read a request, run its servlet, write
 * the response, and again while the connection stays open. A socket read or write that blocks
 * longer than the idle timeout ends the connection ({@link IdleConnections}); a servlet that takes
 * longer to answer is not cut off.
 */
final class ServerConnection implements ConnectionInput.Activity {
  private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** How much of an unread request body is read and dropped to keep the connection. */
  private static final long DRAIN_LIMIT = 64 * 1024;

  private final Socket socket;
  private final HttpContainer container;
  private final long idleNanos;

  /** When the blocked read or write started plus the idle timeout; 0 while none blocks. */
  private volatile long deadline;

  /** True while waiting for the next request, so that a stopping server may close it at once. */
  private volatile boolean betweenRequests = true;

  private volatile boolean closed;

  ServerConnection(Socket socket, HttpContainer container, long idleNanos) {
    this.socket = socket;
    this.container = container;
    this.idleNanos = idleNanos;
  }

  @Override
  public void blocking() {
    long at = System.nanoTime() + idleNanos;
    deadline = at == 0 ? 1 : at;
  }

  @Override
  public void done() {
    deadline = 0;
  }

  long deadline() {
    return deadline;
  }

  boolean betweenRequests() {
    return betweenRequests;
  }

  void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("Closing a connection failed: {}", e.toString());
    }
  }

  void serve() {
    try {
      socket.setTcpNoDelay(true);
      ConnectionInput in =
          new ConnectionInput(socket.getInputStream(), this, container.headBufferBytes());
      OutputStream raw = socket.getOutputStream();
      ResponseOutput out = new ResponseOutput(raw, this, container.outputBufferBytes());
      InetSocketAddress local = (InetSocketAddress) socket.getLocalSocketAddress();
      InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
      long number = 0;
      while (!closed) {
        betweenRequests = true;
        if (container.stopping()) {
          return;
        }
        HttpHead head;
        try {
          head = in.readHead();
        } catch (BadRequest e) {
          refuse(out, e, false);
          return;
        }
        if (head == null) {
          return;
        }
        betweenRequests = false;
        if (!exchange(head, in, out, raw, local, remote, ++number)) {
          return;
        }
      }
    } catch (IOException e) {
      LOG.debug("Connection ended: {}", e.toString());
    } finally {
      close();
      container.forget(this);
    }
  }

  /** Serves one request; false when the connection must end after it. */
  private boolean exchange(
      HttpHead head,
      ConnectionInput in,
      ResponseOutput out,
      OutputStream raw,
      InetSocketAddress local,
      InetSocketAddress remote,
      long number)
      throws IOException {
    boolean headRequest = head.method.equals("HEAD");
    BodyInput body;
    RequestPath path;
    try {
      body = bodyOf(head, in, raw);
      path = RequestPath.parse(head.target);
    } catch (BadRequest e) {
      refuse(out, e, head.http10);
      return false;
    }
    ContainerRequest request = new ContainerRequest(head, path, body, local, remote, number, this);
    ContainerResponse response = new ContainerResponse(out, head.http10, headRequest);
    boolean keepAlive = !head.http10 && !head.lists("Connection", "close") && !container.stopping();
    if (!keepAlive) {
      response.closeConnection();
    }
    Optional<Routes.Match> match = container.routes().match(path.path());
    try {
      if (match.isEmpty()) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
      } else {
        request.mapped(match.get().servletPath(), match.get().pathInfo());
        match.get().run(request, response);
      }
    } catch (IOException | ServletException | RuntimeException e) {
      if (out.committed()) {
        // The head went out: all a client can be told is that the response broke off.
        LOG.debug("{} {} failed after its response began: {}", head.method, path.rawPath(), e);
        return false;
      }
      LOG.error("Unexpected failure on {} {}", head.method, path.rawPath(), e);
      response.reset();
      response.closeConnection();
      response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      return false;
    }
    if (container.stopping()) {
      response.closeConnection();
    }
    response.complete();
    raw.flush();
    // What the servlet left of the body is read and dropped, so the next request starts clean.
    return !response.closesConnection() && body.drain(DRAIN_LIMIT);
  }

  private BodyInput bodyOf(HttpHead head, ConnectionInput in, OutputStream raw) throws BadRequest {
    String encoding = head.header("Transfer-Encoding");
    String length = head.header("Content-Length");
    Runnable expect = null;
    if (head.header("Expect") != null) {
      if (!head.header("Expect").strip().equalsIgnoreCase("100-continue")) {
        throw new BadRequest(417, "Expectation failed");
      }
      if (!head.http10) {
        expect = () -> sendContinue(raw);
      }
    }
    if (encoding != null) {
      // A length beside a transfer coding is how requests get smuggled; refused outright.
      if (length != null || head.http10) {
        throw new BadRequest(400, "Both Transfer-Encoding and Content-Length");
      }
      if (!encoding.strip().toLowerCase(Locale.ROOT).equals("chunked")) {
        throw new BadRequest(501, "Unsupported transfer coding: " + encoding);
      }
      return BodyInput.chunked(in, expect);
    }
    if (length != null) {
      if (head.headers("Content-Length").size() > 1) {
        throw new BadRequest(400, "More than one Content-Length");
      }
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "Malformed Content-Length");
      }
      if (n < 0) {
        throw new BadRequest(400, "Malformed Content-Length");
      }
      return n == 0 ? BodyInput.empty(in) : BodyInput.fixed(in, n, expect);
    }
    return BodyInput.empty(in);
  }

  private void sendContinue(OutputStream raw) {
    try {
      blocking();
      try {
        raw.write(CONTINUE);
        raw.flush();
      } finally {
        done();
      }
    } catch (IOException e) {
      LOG.debug("Sending 100 Continue failed: {}", e.toString());
    }
  }

  /** Answers a request the server could not take, and ends the connection. */
  private void refuse(ResponseOutput out, BadRequest e, boolean http10) throws IOException {
    ContainerResponse response = new ContainerResponse(out, http10, false);
    response.closeConnection();
    response.sendError(e.status, e.getMessage());
    socket.getOutputStream().flush();
  }
}
