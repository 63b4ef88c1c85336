package dev.gatehouse.upstream.internal;

import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side shared by the Streamable HTTP and legacy SSE transports: one {@link HttpClient}
 * (HTTP/1.1, the connection's executor) per session, the configured static headers on every
 * request, and reading bodies into messages.
 */
final class HttpChannel implements AutoCloseable {
  private static final int ERROR_BODY_LIMIT = 2_000;

  private final HttpClient client;
  private final Map<String, String> headers;

  HttpChannel(Map<String, String> headers, Executor executor, Duration connectTimeout) {
    this.headers = Map.copyOf(headers);
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .executor(executor)
            .build();
  }

  /** A request to {@code uri} carrying the static headers. */
  HttpRequest.Builder request(URI uri) throws TransportException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      try {
        builder.header(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        throw new TransportException(
            "header " + header.getKey() + " cannot be sent: " + e.getMessage());
      }
    }
    return builder;
  }

  /**
   * Sends and returns as soon as the status and headers are in; the body streams. A request that
   * fails before any answer comes back is sent once more: a keep-alive connection the server closed
   * while it sat idle (Node closes them after 5 s) fails the first request put on it, and a fresh
   * connection does not. Timeouts are not retried.
   */
  HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw e;
    } catch (IOException e) {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
  }

  static boolean isEventStream(HttpResponse<?> response) {
    return contentType(response).startsWith("text/event-stream");
  }

  static boolean isJson(HttpResponse<?> response) {
    String type = contentType(response);
    return type.startsWith("application/json") || type.contains("+json");
  }

  private static String contentType(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("content-type")
        .orElse("")
        .toLowerCase(Locale.ROOT)
        .strip();
  }

  static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  /** The messages of a JSON text: one object, or the elements of a batch array. */
  static List<Message> parseMessages(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (GatewayException e) {
      return List.of();
    }
    return messagesOf(node);
  }

  /** The messages of a JSON body, parsed from its bytes without decoding them to a string first. */
  static List<Message> parseMessages(byte[] body) {
    if (isBlank(body)) {
      return List.of();
    }
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (GatewayException e) {
      return List.of();
    }
    return messagesOf(node);
  }

  static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static List<Message> messagesOf(JsonNode node) {
    List<Message> messages = new ArrayList<>();
    Iterable<JsonNode> items = node.isArray() ? node : List.of(node);
    for (JsonNode item : items) {
      try {
        messages.add(Message.of(item));
      } catch (GatewayException e) {
        // not a message; skipped like any other noise
      }
    }
    return messages;
  }

  /** At most a couple of kilobytes of the body, for error messages; closes the stream. */
  static String bodySnippet(InputStream body) {
    try (body) {
      byte[] bytes = body.readNBytes(ERROR_BODY_LIMIT);
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Reads and closes the whole body; with a Content-Length into one array of exactly that size
   * (reading to the end grows and copies buffers, several times the body in garbage).
   */
  static byte[] bodyBytes(HttpResponse<InputStream> response) throws IOException {
    try (InputStream body = response.body()) {
      long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
      if (declared < 0 || declared > Integer.MAX_VALUE - 8) {
        return body.readAllBytes();
      }
      byte[] bytes = new byte[(int) declared];
      int read = body.readNBytes(bytes, 0, bytes.length);
      return read == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, read);
    }
  }

  static void discard(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // nothing to keep
    }
  }

  /** An I/O failure in words: connection refused reads better than a class name. */
  static String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** The text of an HTTP error, with the JSON-RPC error message when the body holds one. */
  static String statusText(int status, String body) {
    String detail = body;
    for (Message message : parseMessages(body)) {
      if (message instanceof dev.gatehouse.protocol.Response response && response.isError()) {
        detail = LiveSession.errorText(response);
      }
    }
    detail = detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
    return "HTTP " + status + (detail.isBlank() ? "" : ": " + detail);
  }
}
