package dev.gatehouse.server.container;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves servlets over HTTP/1.1 on one port: an accepting thread, and a virtual thread per
 * connection that reads each request and runs its servlet itself (see the package description).
 *
 * <pre>{@code
 * HttpContainer container = new HttpContainer("127.0.0.1", 0, Duration.ofMinutes(5));
 * container.servlet("/mcp", servlet);
 * container.filter("/mcp", authFilter);
 * container.start();
 * }</pre>
 */
public final class HttpContainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpContainer.class);
  private static final int HEAD_BUFFER_BYTES = 16 * 1024;
  private static final int OUTPUT_BUFFER_BYTES = 32 * 1024;

  /** Connections beyond this many are closed as they arrive, so memory stays bounded. */
  private static final int MAX_CONNECTIONS = 10_000;

  private static final long ACCEPT_RETRY_MILLIS = 100;

  private final String host;
  private final int port;
  private final long idleNanos;
  private final Routes routes = new Routes();
  private final Set<ServerConnection> open = IdleConnections.newSet();
  private ServerSocket listener;
  private IdleConnections idle;
  private Thread acceptor;
  private final java.util.concurrent.atomic.AtomicBoolean stopping =
      new java.util.concurrent.atomic.AtomicBoolean();

  public HttpContainer(String host, int port, Duration idleTimeout) {
    this.host = host;
    this.port = port;
    this.idleNanos = IdleConnections.nanos(idleTimeout);
  }

  /** Mounts a servlet at an exact ({@code /mcp}) or prefix ({@code /admin/*}) path spec. */
  public void servlet(String pathSpec, HttpServlet servlet) {
    routes.servlet(pathSpec, servlet);
  }

  /** A filter for every request whose path the spec covers; filters run in the order added. */
  public void filter(String pathSpec, Filter filter) {
    routes.filter(pathSpec, filter);
  }

  /** Initializes the servlets and filters, binds and starts accepting. */
  public void start() throws IOException {
    try {
      for (HttpServlet servlet : routes.servlets()) {
        servlet.init(new MountConfig(servlet.getClass().getSimpleName()));
      }
      for (Filter filter : routes.filters()) {
        filter.init(new MountConfig(filter.getClass().getSimpleName()));
      }
    } catch (ServletException e) {
      throw new IOException("A servlet failed to start: " + e.getMessage(), e);
    }
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1024);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    listener = socket;
    idle = new IdleConnections(open, "gatehouse-http-idle");
    acceptor = Thread.ofPlatform().daemon().name("gatehouse-http-accept").start(this::accept);
  }

  /** The port bound; -1 before start. */
  public int port() {
    return listener == null ? -1 : listener.getLocalPort();
  }

  /**
   * Ends the connection a request came on at once, without an answer: what a client sees when the
   * network fails. For fault injection in tests; false when the request is not one of this server's
   * (another container's, or wrapped).
   */
  public static boolean abortConnection(jakarta.servlet.http.HttpServletRequest request) {
    if (request instanceof ContainerRequest ours) {
      ours.connection().close();
      return true;
    }
    return false;
  }

  Routes routes() {
    return routes;
  }

  boolean stopping() {
    return stopping.get();
  }

  int headBufferBytes() {
    return HEAD_BUFFER_BYTES;
  }

  int outputBufferBytes() {
    return OUTPUT_BUFFER_BYTES;
  }

  void forget(ServerConnection connection) {
    open.remove(connection);
  }

  private void accept() {
    while (!stopping()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (stopping() || listener.isClosed()) {
          return;
        }
        // Out of file descriptors, typically: wait for some to be freed rather than spin.
        LOG.warn("Accepting a connection failed: {}", e.toString());
        pause(ACCEPT_RETRY_MILLIS);
        continue;
      }
      if (open.size() >= MAX_CONNECTIONS) {
        LOG.debug("Refused a connection: {} are open", open.size());
        closeQuietly(socket);
        continue;
      }
      ServerConnection connection = new ServerConnection(socket, this, idleNanos);
      open.add(connection);
      if (stopping()) {
        connection.close();
        open.remove(connection);
        return;
      }
      Thread.ofVirtual().name("gatehouse-http").start(connection::serve);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("Closing a refused connection failed: {}", e.toString());
    }
  }

  /**
   * Stops accepting, closes connections waiting for a request, lets requests in flight finish for
   * up to {@code grace} (their connections close after the response), then closes everything and
   * destroys the servlets and filters. Idempotent.
   */
  public void stop(Duration grace) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      long until = System.nanoTime() + grace.toNanos();
      while (true) {
        open.stream().filter(ServerConnection::betweenRequests).forEach(ServerConnection::close);
        if (open.isEmpty() || System.nanoTime() - until >= 0) {
          break;
        }
        pause(10);
      }
      open.forEach(ServerConnection::close);
      if (idle != null) {
        idle.close();
      }
      routes.filters().forEach(Filter::destroy);
      routes.servlets().forEach(HttpServlet::destroy);
    }
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }

  private static void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What a servlet or filter is initialized with here: its name, and no parameters or context. */
  private record MountConfig(String name) implements ServletConfig, FilterConfig {
    @Override
    public String getServletName() {
      return name;
    }

    @Override
    public String getFilterName() {
      return name;
    }

    @Override
    public ServletContext getServletContext() {
      throw new UnsupportedOperationException("The gateway's HTTP server has no servlet context");
    }

    @Override
    public String getInitParameter(String key) {
      return null;
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
      return Collections.emptyEnumeration();
    }
  }
}
