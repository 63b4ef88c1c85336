package dev.gatehouse.httpclient;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 for the client's tests: it reads each request (head and a
 * Content-Length body) and lets a script write the answer bytes, so framing, keep-alive and
 * misbehaviour can be exact. Every socket it accepted is closed by {@link #close}.
 */
final class ScriptedHttpServer implements AutoCloseable {

  /** One received request; {@code connection} numbers the socket it came on, from 1. */
  record Received(
      String method, String target, Map<String, String> headers, byte[] body, int connection) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Writes the answer to one request; returns false to close the connection afterwards. */
  interface Script {
    boolean answer(Received request, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final Script script;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private final Map<Socket, Boolean> sockets = new ConcurrentHashMap<>();
  private final Thread acceptor;

  private ScriptedHttpServer(ServerSocket server, Script script) {
    this.server = server;
    this.script = script;
    this.acceptor = Thread.ofVirtual().start(this::accept);
  }

  static ScriptedHttpServer start(Script script) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new ScriptedHttpServer(socket, script);
  }

  /** Serves on an already bound server socket (a TLS one, say). */
  static ScriptedHttpServer on(ServerSocket socket, Script script) {
    return new ScriptedHttpServer(socket, script);
  }

  URI uri(String path) {
    String scheme = server instanceof javax.net.ssl.SSLServerSocket ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + path);
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  /** Sockets accepted and not closed yet. */
  int openSockets() {
    return sockets.size();
  }

  List<Received> requests() {
    return requests;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.put(socket, true);
        int number = connections.incrementAndGet();
        Thread.ofVirtual().start(() -> serve(socket, number));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket, int number) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        Received request = read(in, number);
        if (request == null) {
          return;
        }
        requests.add(request);
        boolean keep = script.answer(request, out);
        out.flush();
        if (!keep) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      sockets.remove(socket);
    }
  }

  private static Received read(InputStream in, int connection) throws IOException {
    String requestLine = line(in);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    Map<String, String> headers = new ConcurrentHashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).strip());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Received(parts[0], parts[1], headers, body, connection);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
  }

  /** A complete answer with a Content-Length. */
  static void answer(OutputStream out, int status, String body, String... extraHeaders)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
    for (String header : extraHeaders) {
      head.append(header).append("\r\n");
    }
    head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
  }

  static void write(OutputStream out, String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void closeSockets() {
    for (Socket socket : sockets.keySet()) {
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    closeSockets();
    acceptor.join();
  }
}
