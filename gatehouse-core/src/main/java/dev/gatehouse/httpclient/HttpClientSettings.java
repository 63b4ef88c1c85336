package dev.gatehouse.httpclient;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a {@link BlockingHttpClient} connects.
 *
 * @param connectTimeout how long opening a socket (and its TLS handshake) may take; also how long a
 *     request waits for a free connection when every one is busy
 * @param maxConnectionsPerOrigin the most sockets open to one origin at once, idle ones included
 * @param maxIdle how long an idle keep-alive socket is kept at most (less when the server says it
 *     closes sooner)
 * @param tls the TLS context for https; empty for the JDK's default (its trust store)
 */
public record HttpClientSettings(
    Duration connectTimeout,
    int maxConnectionsPerOrigin,
    Duration maxIdle,
    Optional<SSLContext> tls) {

  /** 256 connections per origin, idle ones kept up to 30 s. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

  public static final Duration DEFAULT_MAX_IDLE = Duration.ofSeconds(30);

  public HttpClientSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(maxIdle, "maxIdle");
    Objects.requireNonNull(tls, "tls");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    if (maxConnectionsPerOrigin < 1) {
      throw new IllegalArgumentException("maxConnectionsPerOrigin must be at least 1");
    }
  }

  /** The defaults with this connect timeout. */
  public static HttpClientSettings of(Duration connectTimeout) {
    return new HttpClientSettings(
        connectTimeout, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_IDLE, Optional.empty());
  }

  public HttpClientSettings withMaxConnectionsPerOrigin(int max) {
    return new HttpClientSettings(connectTimeout, max, maxIdle, tls);
  }

  public HttpClientSettings withMaxIdle(Duration idle) {
    return new HttpClientSettings(connectTimeout, maxConnectionsPerOrigin, idle, tls);
  }

  public HttpClientSettings withTls(SSLContext context) {
    return new HttpClientSettings(
        connectTimeout, maxConnectionsPerOrigin, maxIdle, Optional.of(context));
  }
}
