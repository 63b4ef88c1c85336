package dev.gatehouse.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection that POSTs and reads whole answers (content-length, chunked,
 * or until close). Deliberately bare, so that the load generator costs less CPU than what it
 * measures; it is not a general HTTP client.
 */
public final class HttpConnection implements AutoCloseable {
  private static final int MAX_HEADER_LINE = 16 * 1024;
  private static final int TIMEOUT_MILLIS = 30_000;

  private final URI endpoint;
  private final byte[] requestHead;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** An answer: status, lower-cased header names, the whole body. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public HttpConnection(URI endpoint) {
    this.endpoint = endpoint;
    String path = endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    this.requestHead =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + endpoint.getHost()
                + ":"
                + endpoint.getPort()
                + "\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\n")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /** POSTs {@code body} with the extra headers (already formatted {@code Name: value\r\n}). */
  public Reply post(byte[] extraHeaders, byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write(requestHead);
      out.write(extraHeaders);
      out.write(
          ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return read();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(TIMEOUT_MILLIS);
    s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), TIMEOUT_MILLIS);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
    out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
  }

  private Reply read() throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new HashMap<>();
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon > 0) {
        headers.put(
            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
    }
    byte[] body;
    String length = headers.get("content-length");
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
      body = chunked();
    } else {
      body = in.readAllBytes();
      close();
    }
    if ("close".equalsIgnoreCase(headers.getOrDefault("connection", ""))) {
      close();
    }
    return new Reply(status, headers, body);
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!line().isEmpty()) {
          // trailers are ignored
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("chunk cut short");
      }
      body.write(chunk);
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder text = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed");
      }
      if (b == '\n') {
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') {
          text.setLength(end - 1);
        }
        return text.toString();
      }
      if (text.length() > MAX_HEADER_LINE) {
        throw new IOException("header line too long");
      }
      text.append((char) b);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
      socket = null;
    }
  }
}
