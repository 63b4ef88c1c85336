package dev.gatehouse.httpclient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A blocking HTTP/1.1 client: {@link #send} writes the request on a pooled keep-alive socket and
 * returns once the status and headers are in, on the calling thread, with the body left to stream.
 * Meant for virtual threads, where a blocked socket read costs a parked continuation.
 *
 * <p>A request that meets a reused socket the server had closed while it sat idle (nothing of an
 * answer came back) is sent once more on a fresh socket. Redirects are followed within the same
 * host (never from https to http), since requests carry credentials. Thread-safe.
 *
 * <pre>{@code
 * try (BlockingHttpClient client = BlockingHttpClient.create(HttpClientSettings.of(timeout))) {
 *   HttpResponse response = client.send(HttpRequest.newBuilder(uri).POST(bytes).build());
 *   try (InputStream body = response.body()) { ... }
 * }
 * }</pre>
 */
public final class BlockingHttpClient implements AutoCloseable {
  private static final int MAX_REDIRECTS = 5;

  private final HttpClientSettings settings;
  private final ConcurrentHashMap<Origin, ConnectionPool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private BlockingHttpClient(HttpClientSettings settings) {
    this.settings = settings;
  }

  public static BlockingHttpClient create(HttpClientSettings settings) {
    return new BlockingHttpClient(settings);
  }

  /**
   * Sends a request and waits for the answer's status and headers (at most the request's timeout);
   * the body streams. Close or read to the end every response's body.
   *
   * @throws java.net.ConnectException when nothing listens
   * @throws HttpConnectTimeoutException when connecting takes longer than the connect timeout
   * @throws java.net.http.HttpTimeoutException when the answer takes longer than the timeout
   * @throws IOException for any other failure, or when the client is closed
   */
  public HttpResponse send(HttpRequest request) throws IOException, InterruptedException {
    HttpRequest current = request;
    for (int redirects = 0; ; redirects++) {
      HttpResponse response = exchange(current);
      Optional<HttpRequest> next =
          redirects < MAX_REDIRECTS ? Redirects.follow(current, response) : Optional.empty();
      if (next.isEmpty()) {
        return response;
      }
      response.body().close();
      current = next.get();
    }
  }

  /** How many sockets are open to the origin of {@code uri}, idle ones included. */
  public int openConnections(URI uri) {
    ConnectionPool pool = pools.get(Origin.of(uri));
    return pool == null ? 0 : pool.openConnections();
  }

  /** Closes every socket, idle or in use (readers blocked on one get an I/O error). */
  @Override
  public void close() {
    closed = true;
    pools.values().forEach(ConnectionPool::close);
  }

  private HttpResponse exchange(HttpRequest request) throws IOException, InterruptedException {
    ConnectionPool pool = pool(request.origin());
    long deadline = headDeadline(request);
    long wait = settings.connectTimeout().toNanos();
    ConnectionPool.Lease lease = pool.acquire(true, wait);
    try {
      return exchangeOn(lease.connection(), pool, request, deadline);
    } catch (Connection.NoAnswerException e) {
      if (!lease.idle() || Thread.currentThread().isInterrupted()) {
        throw e;
      }
      // A keep-alive socket the server closed while it sat idle: once more, on a fresh socket.
      ConnectionPool.Lease fresh = pool.acquire(false, wait);
      return exchangeOn(fresh.connection(), pool, request, deadline);
    }
  }

  /** The earlier of the request's timeout (for the head) and its deadline (for everything). */
  private static long headDeadline(HttpRequest request) {
    long deadline = request.deadlineNanos();
    if (request.timeout().isPresent()) {
      // 0 means none, so a computed 0 becomes 1 (a nanosecond later).
      long byTimeout = System.nanoTime() + request.timeout().get().toNanos();
      byTimeout = byTimeout == 0 ? 1 : byTimeout;
      deadline = deadline == 0 || byTimeout - deadline < 0 ? byTimeout : deadline;
    }
    return deadline;
  }

  private ConnectionPool pool(Origin origin) throws IOException {
    if (closed) {
      throw new IOException("the client is closed");
    }
    ConnectionPool pool =
        pools.computeIfAbsent(
            origin,
            o ->
                new ConnectionPool(
                    o,
                    settings.maxConnectionsPerOrigin(),
                    settings.maxIdle().toNanos(),
                    this::connect));
    if (closed) {
      // close() may have run before this pool was added; it must not outlive the client.
      pool.close();
      throw new IOException("the client is closed");
    }
    return pool;
  }

  private static HttpResponse exchangeOn(
      Connection connection, ConnectionPool pool, HttpRequest request, long deadline)
      throws IOException {
    try {
      connection.write(request);
    } catch (IOException e) {
      pool.discard(connection);
      throw new Connection.NoAnswerException(e);
    }
    try {
      Connection.Head head = connection.readHead(deadline);
      connection.deadline(request.deadlineNanos());
      ResponseBody body = ResponseBody.of(connection, pool, head, request.method());
      return new HttpResponse(request.uri(), head.status(), head.headers(), body);
    } catch (IOException | RuntimeException e) {
      pool.discard(connection);
      throw e;
    }
  }

  private Connection connect(Origin origin) throws IOException {
    int timeout = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(origin.host(), origin.port()), timeout);
      if (origin.secure()) {
        socket = tls(socket, origin, timeout);
      }
      return new Connection(origin, socket);
    } catch (SocketTimeoutException e) {
      close(socket);
      throw new HttpConnectTimeoutException("connect timed out");
    } catch (IOException | RuntimeException e) {
      close(socket);
      throw e;
    }
  }

  /** Layers TLS over a connected socket, checking that the certificate names the host. */
  private SSLSocket tls(Socket plain, Origin origin, int timeout) throws IOException {
    SSLContext context;
    try {
      context = settings.tls().isPresent() ? settings.tls().get() : SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no TLS available: " + e.getMessage(), e);
    }
    SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket(plain, origin.host(), origin.port(), true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(timeout);
    socket.startHandshake();
    socket.setSoTimeout(0);
    return socket;
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
