package dev.gatehouse.server.container;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  /** How long a closing connection waits for the client to stop sending (see closeGracefully). */
  private static final int LINGER_MILLIS = 1000;

  private final Socket socket;
  private final HttpContainer container;
  private final long idleNanos;

  /** When the blocked read or write started plus the idle timeout; 0 while none blocks. */
  private volatile long deadline;

  /** True while waiting for the next request, so that a stopping server may close it at once. */
  private volatile boolean betweenRequests = true;

  private volatile boolean closed;

  /** Set when a response broke off: the connection is reset rather than closed in order. */
  private boolean aborted;

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

  /**
   * Ends the connection with a reset, so that the client sees a failure, not the end of a body it
   * might take as whole (an HTTP/1.0 body runs to the close).
   */
  void abort() {
    aborted = true;
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      LOG.debug("Setting up a reset failed: {}", e.toString());
    }
    close();
  }

  void serve() {
    boolean peerClosed = false;
    try {
      socket.setTcpNoDelay(true);
      ConnectionInput in =
          new ConnectionInput(socket.getInputStream(), this, container.headBufferBytes());
      OutputStream raw = socket.getOutputStream();
      ResponseOutput.Buffer buffer = new ResponseOutput.Buffer(container.outputBufferBytes());
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
          refuse(raw, buffer, e, false);
          return;
        }
        if (head == null) {
          peerClosed = true;
          return;
        }
        betweenRequests = false;
        if (!exchange(head, in, raw, buffer, local, remote, ++number)) {
          return;
        }
      }
    } catch (IOException e) {
      LOG.debug("Connection ended: {}", e.toString());
    } finally {
      if (!aborted && !closed && !peerClosed) {
        closeGracefully();
      }
      close();
      container.forget(this);
    }
  }

  /** Serves one request; false when the connection must end after it. */
  private boolean exchange(
      HttpHead head,
      ConnectionInput in,
      OutputStream raw,
      ResponseOutput.Buffer buffer,
      InetSocketAddress local,
      InetSocketAddress remote,
      long number)
      throws IOException {
    ContainerResponse response =
        new ContainerResponse(raw, this, buffer, head.http10, head.method.equals("HEAD"));
    BodyInput body;
    RequestPath path;
    try {
      checkHost(head);
      body = bodyOf(head, in, raw, response);
      path = RequestPath.parse(head.target);
    } catch (BadRequest e) {
      refuse(raw, buffer, e, head.http10);
      return false;
    }
    ContainerRequest request = new ContainerRequest(head, path, body, local, remote, number, this);
    if (head.http10 || head.lists("Connection", "close") || container.stopping()) {
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
      if (container.stopping() || body.awaitingContinue() || body.unread() > DRAIN_LIMIT) {
        // Said in the head while it can be: the body left unread will not be skipped.
        response.closeConnection();
      }
      response.complete();
    } catch (IOException
        | ServletException
        | RuntimeException
        | LinkageError
        | StackOverflowError e) {
      return failed(head, path, response, e);
    }
    raw.flush();
    // What the servlet left of the body is read and dropped, so the next request starts clean.
    return !response.closesConnection() && body.drain(DRAIN_LIMIT);
  }

  /** A request whose servlet failed: a status if the head is still ours, else a broken-off body. */
  private boolean failed(HttpHead head, RequestPath path, ContainerResponse response, Throwable e)
      throws IOException {
    if (response.isCommitted()) {
      // The head went out: all a client can be told is that the response broke off.
      LOG.debug("{} {} broke off after its response began: {}", head.method, path.rawPath(), e);
      abort();
      return false;
    }
    int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    if (e instanceof BadRequest bad) {
      status = bad.status;
    } else if (e instanceof EOFException || e instanceof SocketException) {
      LOG.debug("{} {}: the client went away: {}", head.method, path.rawPath(), e.toString());
      return false;
    } else {
      LOG.error("Unexpected failure on {} {}", head.method, path.rawPath(), e);
    }
    response.reset();
    response.closeConnection();
    response.sendError(status, e instanceof BadRequest ? e.getMessage() : null);
    return false;
  }

  /** HTTP/1.1 requests carry exactly one Host (RFC 9112, section 3.2). */
  private static void checkHost(HttpHead head) throws BadRequest {
    int hosts = head.headers("Host").size();
    if (hosts > 1 || (hosts == 0 && !head.http10)) {
      throw new BadRequest(400, hosts > 1 ? "More than one Host" : "No Host");
    }
  }

  private BodyInput bodyOf(
      HttpHead head, ConnectionInput in, OutputStream raw, ContainerResponse response)
      throws BadRequest {
    List<String> encodings = head.headers("Transfer-Encoding");
    List<String> lengths = head.headers("Content-Length");
    Runnable expect = null;
    String expectation = head.header("Expect");
    if (expectation != null) {
      if (!expectation.equalsIgnoreCase("100-continue")) {
        throw new BadRequest(417, "Expectation failed");
      }
      if (!head.http10) {
        expect = () -> sendContinue(raw, response);
      }
    }
    if (!encodings.isEmpty()) {
      // A length beside a transfer coding is how requests get smuggled; refused outright, as is
      // any coding list other than plain chunked that a proxy in front might read otherwise.
      if (!lengths.isEmpty() || head.http10) {
        throw new BadRequest(400, "Both Transfer-Encoding and Content-Length");
      }
      if (encodings.size() > 1 || !encodings.get(0).toLowerCase(Locale.ROOT).equals("chunked")) {
        throw new BadRequest(501, "Unsupported transfer coding: " + String.join(", ", encodings));
      }
      return BodyInput.chunked(in, expect);
    }
    if (lengths.isEmpty()) {
      return BodyInput.empty(in);
    }
    if (lengths.size() > 1) {
      throw new BadRequest(400, "More than one Content-Length");
    }
    String length = lengths.get(0);
    if (length.isEmpty() || length.length() > 18 || !length.chars().allMatch(Character::isDigit)) {
      throw new BadRequest(400, "Malformed Content-Length");
    }
    long n = Long.parseLong(length);
    return n == 0 ? BodyInput.empty(in) : BodyInput.fixed(in, n, expect);
  }

  /** The interim answer the client waits for; pointless (and wrong) once a response began. */
  private void sendContinue(OutputStream raw, ContainerResponse response) {
    if (response.isCommitted()) {
      return;
    }
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

  /** Answers a request the server could not take; the connection ends after it. */
  private void refuse(OutputStream raw, ResponseOutput.Buffer buffer, BadRequest e, boolean http10)
      throws IOException {
    ContainerResponse response = new ContainerResponse(raw, this, buffer, http10, false);
    response.closeConnection();
    response.sendError(e.status, e.getMessage());
    raw.flush();
  }

  /**
   * Closes without losing the last response: the write side is shut first and what the client still
   * sends is read and dropped for a moment, since closing a socket with unread input resets it, and
   * a reset can destroy the response before the client has read it.
   */
  private void closeGracefully() {
    try {
      socket.shutdownOutput();
      socket.setSoTimeout(LINGER_MILLIS);
      InputStream in = socket.getInputStream();
      byte[] skip = new byte[4096];
      long total = 0;
      int n;
      while (total < DRAIN_LIMIT && (n = in.read(skip)) >= 0) {
        total += n;
      }
    } catch (IOException e) {
      LOG.trace("Lingering close ended: {}", e.toString());
    }
  }
}
