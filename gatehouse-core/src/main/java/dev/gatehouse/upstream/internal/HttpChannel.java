package dev.gatehouse.upstream.internal;

import dev.gatehouse.httpclient.BlockingHttpClient;
import dev.gatehouse.httpclient.HttpClientSettings;
import dev.gatehouse.httpclient.HttpRequest;
import dev.gatehouse.httpclient.HttpResponse;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * The HTTP side shared by the Streamable HTTP and legacy SSE transports: one {@link
 * BlockingHttpClient} (its pool of keep-alive sockets) per session, the configured static headers
 * on every request, and reading bodies into messages.
 */
final class HttpChannel implements AutoCloseable {
  private static final int ERROR_BODY_LIMIT = 2_000;

  /** Leaves the body open after the value, so that its connection can be handed back cleanly. */
  private static final ObjectReader STREAM_READER =
      Json.mapper().reader().without(StreamReadFeature.AUTO_CLOSE_SOURCE);

  private final BlockingHttpClient client;
  private final Map<String, String> headers;

  HttpChannel(Map<String, String> headers, Duration connectTimeout) {
    this.headers = Map.copyOf(headers);
    this.client = BlockingHttpClient.create(HttpClientSettings.of(connectTimeout));
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
   * Sends and returns as soon as the status and headers are in; the body streams. The client sends
   * a request once more on a fresh socket when a reused keep-alive socket turns out closed by the
   * server before any answer came back (Node closes idle ones after 5 s).
   */
  HttpResponse send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request);
  }

  /** Closes every socket, which also ends the streams being read. */
  @Override
  public void close() {
    client.close();
  }

  static boolean isEventStream(HttpResponse response) {
    return contentType(response).startsWith("text/event-stream");
  }

  static boolean isJson(HttpResponse response) {
    String type = contentType(response);
    return type.startsWith("application/json") || type.contains("+json");
  }

  private static String contentType(HttpResponse response) {
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

  /**
   * The messages of a JSON body, parsed as it streams in: no array the size of the body is held
   * besides the tree (a 10 MB result costs 10 MB less). Malformed JSON is noise, as above; a
   * connection that breaks on the way is an {@link IOException}. Closes the body.
   */
  static List<Message> parseMessages(InputStream body) throws IOException {
    try (body) {
      JsonNode node = STREAM_READER.readTree(body);
      if (node == null || node.isMissingNode()) {
        return List.of();
      }
      return messagesOf(node);
    } catch (JacksonIOException e) {
      throw e.getCause();
    } catch (JacksonException e) {
      return List.of();
    }
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
    if (e instanceof UnknownHostException) {
      return "unknown host " + e.getMessage();
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
