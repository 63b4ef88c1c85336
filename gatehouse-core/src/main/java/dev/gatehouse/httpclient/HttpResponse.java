package dev.gatehouse.httpclient;

import java.io.InputStream;
import java.net.URI;

/**
 * The status and headers of an answer, and its body as a stream. Reading the body to its end hands
 * the connection back to the pool; closing it earlier closes the connection (from any thread, which
 * also wakes a reader blocked on it).
 */
public final class HttpResponse {
  private final URI uri;
  private final int statusCode;
  private final HttpHeaders headers;
  private final ResponseBody body;

  HttpResponse(URI uri, int statusCode, HttpHeaders headers, ResponseBody body) {
    this.uri = uri;
    this.statusCode = statusCode;
    this.headers = headers;
    this.body = body;
  }

  /** The URL that answered (after redirects). */
  public URI uri() {
    return uri;
  }

  public int statusCode() {
    return statusCode;
  }

  public HttpHeaders headers() {
    return headers;
  }

  public InputStream body() {
    return body;
  }

  /** The declared length of the body, or -1 when it is chunked or runs until the close. */
  public long contentLength() {
    return body.declaredLength();
  }

  @Override
  public String toString() {
    return "HTTP " + statusCode + " from " + uri;
  }
}
