package dev.gatehouse.server.http;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Limits and security settings of the Streamable HTTP transport.
 *
 * @param sessionIdleTimeout a session without requests or open streams for this long ends
 * @param maxBodyBytes POST bodies above this size are refused with 413
 * @param allowedOrigins browser origins accepted besides loopback ones ({@code
 *     http://localhost:3000}); {@code *} accepts any
 * @param allowedHosts {@code Host} names accepted besides loopback ones (without port); {@code *}
 *     accepts any, which gives up DNS-rebinding protection
 * @param pendingMessageLimit unsolicited messages kept per session while no GET stream is open
 * @param keepAliveInterval how often an SSE comment goes out on a quiet stream, so a dead client is
 *     noticed
 * @param streamResponses answer every request as an SSE stream when the client accepts one, as many
 *     servers do; by default an answer is plain JSON unless something is sent before it
 */
public record HttpTransportOptions(
    Duration sessionIdleTimeout,
    long maxBodyBytes,
    Set<String> allowedOrigins,
    Set<String> allowedHosts,
    int pendingMessageLimit,
    Duration keepAliveInterval,
    boolean streamResponses) {

  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
  public static final int DEFAULT_PENDING_MESSAGE_LIMIT = 256;
  public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(15);

  public HttpTransportOptions {
    Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
    Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
    if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
      throw new IllegalArgumentException("sessionIdleTimeout must be positive");
    }
    if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
      throw new IllegalArgumentException("keepAliveInterval must be positive");
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (pendingMessageLimit <= 0) {
      throw new IllegalArgumentException("pendingMessageLimit must be positive");
    }
    allowedOrigins = normalized(allowedOrigins);
    allowedHosts = normalized(allowedHosts);
  }

  /** The defaults: 30 min idle sessions, 4 MiB bodies, loopback origins and hosts only. */
  public static HttpTransportOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .sessionIdleTimeout(sessionIdleTimeout)
            .maxBodyBytes(maxBodyBytes)
            .pendingMessageLimit(pendingMessageLimit)
            .keepAliveInterval(keepAliveInterval)
            .streamResponses(streamResponses);
    allowedOrigins.forEach(builder::allowOrigin);
    allowedHosts.forEach(builder::allowHost);
    return builder;
  }

  private static Set<String> normalized(Set<String> values) {
    Set<String> out = new LinkedHashSet<>();
    if (values != null) {
      for (String value : values) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        while (v.endsWith("/")) {
          v = v.substring(0, v.length() - 1);
        }
        if (!v.isEmpty()) {
          out.add(v);
        }
      }
    }
    return Set.copyOf(out);
  }

  /** Builds {@link HttpTransportOptions}. */
  public static final class Builder {
    private Duration sessionIdleTimeout = DEFAULT_SESSION_IDLE_TIMEOUT;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private final Set<String> allowedHosts = new LinkedHashSet<>();
    private int pendingMessageLimit = DEFAULT_PENDING_MESSAGE_LIMIT;
    private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
    private boolean streamResponses;

    private Builder() {}

    public Builder sessionIdleTimeout(Duration timeout) {
      this.sessionIdleTimeout = timeout;
      return this;
    }

    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Accepts one more browser origin, such as {@code https://app.example.com}. */
    public Builder allowOrigin(String origin) {
      allowedOrigins.add(origin);
      return this;
    }

    /** Accepts one more {@code Host} name, such as {@code gateway.internal}. */
    public Builder allowHost(String host) {
      allowedHosts.add(host);
      return this;
    }

    public Builder pendingMessageLimit(int limit) {
      this.pendingMessageLimit = limit;
      return this;
    }

    public Builder keepAliveInterval(Duration interval) {
      this.keepAliveInterval = interval;
      return this;
    }

    /** Answers every request as an SSE stream when the client accepts one. */
    public Builder streamResponses(boolean stream) {
      this.streamResponses = stream;
      return this;
    }

    public HttpTransportOptions build() {
      return new HttpTransportOptions(
          sessionIdleTimeout,
          maxBodyBytes,
          allowedOrigins,
          allowedHosts,
          pendingMessageLimit,
          keepAliveInterval,
          streamResponses);
    }
  }
}
