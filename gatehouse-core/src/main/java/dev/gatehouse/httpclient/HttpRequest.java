package dev.gatehouse.httpclient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request: method, URL, header fields, an optional body, and how long to wait for the answer's
 * status and headers.
 */
public final class HttpRequest {
  /** Fields the client writes itself; a caller setting them would corrupt the framing. */
  private static final List<String> RESTRICTED =
      List.of(
          "connection", "content-length", "expect", "host", "transfer-encoding", "upgrade", "te");

  private final String method;
  private final URI uri;
  private final Origin origin;
  private final HttpHeaders headers;
  private final byte[] body;
  private final Optional<Duration> timeout;
  private final long deadlineNanos;

  private HttpRequest(Builder builder) {
    this.method = builder.method;
    this.uri = builder.uri;
    this.origin = builder.origin;
    this.headers = HttpHeaders.of(builder.fields);
    this.body = builder.body;
    this.timeout = builder.timeout;
    this.deadlineNanos = builder.deadlineNanos;
  }

  public static Builder newBuilder(URI uri) {
    return new Builder(uri);
  }

  public String method() {
    return method;
  }

  public URI uri() {
    return uri;
  }

  /** Scheme, host and port of {@link #uri()}, worked out once when the request was built. */
  Origin origin() {
    return origin;
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** The body; empty for none. Not copied: callers must not change it. */
  byte[] body() {
    return body;
  }

  /** How long to wait for the status and headers; empty waits as long as it takes. */
  public Optional<Duration> timeout() {
    return timeout;
  }

  /** When the whole exchange must be read by (System.nanoTime), body included; 0 for never. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  /** The same request sent elsewhere, for a redirect; {@code GET} drops the body. */
  HttpRequest redirected(URI target, String newMethod) {
    Builder builder = new Builder(target);
    builder.fields.addAll(headers.fields());
    builder.method = newMethod;
    builder.body = newMethod.equals(method) ? body : new byte[0];
    if (builder.body.length == 0) {
      builder.fields.removeIf(f -> f.name().equalsIgnoreCase("content-type"));
    }
    builder.timeout = timeout;
    builder.deadlineNanos = deadlineNanos;
    return builder.build();
  }

  @Override
  public String toString() {
    return method + " " + uri;
  }

  /** Builds a {@link HttpRequest}; {@code GET} without a body unless told otherwise. */
  public static final class Builder {
    private final URI uri;
    private final Origin origin;
    private final List<HttpHeaders.Field> fields = new ArrayList<>(8);
    private String method = "GET";
    private byte[] body = new byte[0];
    private Optional<Duration> timeout = Optional.empty();
    private long deadlineNanos;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      this.origin = Origin.of(uri);
    }

    /**
     * Adds a header field.
     *
     * @throws IllegalArgumentException for a name that is not a token, a value with a line break or
     *     a character outside Latin-1, or a field the client writes itself (Host, Content-Length,
     *     Connection, ...)
     */
    public Builder header(String name, String value) {
      checkName(name);
      checkValue(name, value);
      fields.add(new HttpHeaders.Field(name, value));
      return this;
    }

    public Builder timeout(Duration duration) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("the timeout must be positive: " + duration);
      }
      this.timeout = Optional.of(duration);
      return this;
    }

    /**
     * Reads of the answer, its body included, fail with {@link java.net.http.HttpTimeoutException}
     * once {@link System#nanoTime()} passes this; the socket is then closed. For a caller that
     * reads the whole answer on its own thread and has a deadline of its own.
     */
    public Builder deadline(long nanoTime) {
      this.deadlineNanos = nanoTime == 0 ? 1 : nanoTime;
      return this;
    }

    public Builder GET() {
      return method("GET", new byte[0]);
    }

    public Builder DELETE() {
      return method("DELETE", new byte[0]);
    }

    /** A POST of these bytes; the array is not copied. */
    public Builder POST(byte[] content) {
      return method("POST", content);
    }

    private Builder method(String name, byte[] content) {
      this.method = name;
      this.body = Objects.requireNonNull(content, "content");
      return this;
    }

    public HttpRequest build() {
      return new HttpRequest(this);
    }

    private static void checkName(String name) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("empty header name");
      }
      for (int i = 0; i < name.length(); i++) {
        if (!isTokenChar(name.charAt(i))) {
          throw new IllegalArgumentException("invalid header name \"" + name + "\"");
        }
      }
      // Compared in place: lower-casing every name of every request showed in profiles.
      for (String restricted : RESTRICTED) {
        if (restricted.equalsIgnoreCase(name)) {
          throw new IllegalArgumentException("restricted header name \"" + name + "\"");
        }
      }
    }

    private static void checkValue(String name, String value) {
      if (value == null) {
        throw new IllegalArgumentException("no value for header \"" + name + "\"");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
          throw new IllegalArgumentException("invalid value for header \"" + name + "\"");
        }
      }
    }

    private static boolean isTokenChar(char c) {
      return c > 0x20 && c < 0x7F && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
  }
}
