package dev.gatehouse.server.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A client that writes requests byte for byte and reads responses as they arrive on the wire. */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  RawClient sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  RawClient send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  /** A response read to the end of its framing, with the raw body bytes as framed on the wire. */
  record Answer(int status, Map<String, String> headers, String body, String wireBody) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  Answer read() throws IOException {
    return read(false);
  }

  Answer read(boolean headRequest) throws IOException {
    String statusLine = line();
    while (statusLine.startsWith("HTTP/1.1 100")) {
      line();
      statusLine = line();
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    if (headRequest || status == 204 || status == 304) {
      return new Answer(status, headers, "", "");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    if ("chunked".equals(headers.get("transfer-encoding"))) {
      while (true) {
        String size = line();
        wire.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int n = Integer.parseInt(size, 16);
        if (n == 0) {
          line();
          break;
        }
        byte[] chunk = in.readNBytes(n);
        body.writeBytes(chunk);
        wire.writeBytes(chunk);
        line();
      }
    } else if (headers.containsKey("content-length")) {
      byte[] all = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      body.writeBytes(all);
      wire.writeBytes(all);
    } else {
      byte[] all = in.readAllBytes();
      body.writeBytes(all);
      wire.writeBytes(all);
    }
    return new Answer(
        status,
        headers,
        body.toString(StandardCharsets.UTF_8),
        wire.toString(StandardCharsets.ISO_8859_1));
  }

  /** One line without its CRLF; the connection ending first is an error. */
  String line() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("Connection closed after: " + line);
      }
      if (b == '\n') {
        int len = line.length();
        return len > 0 && line.charAt(len - 1) == '\r'
            ? line.substring(0, len - 1)
            : line.toString();
      }
      line.append((char) b);
    }
  }

  /** Whether the server closed the connection (the next read finds its end). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
