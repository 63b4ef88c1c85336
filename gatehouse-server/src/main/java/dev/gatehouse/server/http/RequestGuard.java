package dev.gatehouse.server.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The DNS-rebinding defences of the endpoint: the {@code Origin} of browser requests and the {@code
 * Host} every request names must be ones this server answers to. Loopback names always pass. Also
 * used in front of the admin routes.
 */
public final class RequestGuard {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  private static final String ANY = "*";

  private final Set<String> origins;
  private final Set<String> hosts;

  /** The last Host header allowed: every request of a client carries the same one. */
  private volatile String lastAllowedHost;

  public RequestGuard(HttpTransportOptions options) {
    this.origins = options.allowedOrigins();
    this.hosts = options.allowedHosts();
  }

  /** An absent origin (not a browser) passes; so do loopback and configured ones. */
  public boolean originAllowed(String origin) {
    if (origin == null || origins.contains(ANY)) {
      return true;
    }
    String normalized = origin.trim().toLowerCase(Locale.ROOT);
    if (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    if (origins.contains(normalized)) {
      return true;
    }
    try {
      URI uri = new URI(normalized);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      return ("http".equals(scheme) || "https".equals(scheme))
          && host != null
          && LOOPBACK.contains(host)
          && (uri.getPath() == null || uri.getPath().isEmpty());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * The {@code Host} header without its port must be loopback or configured. A missing header
   * (HTTP/1.0) passes, since then no browser can have been tricked into sending it.
   */
  public boolean hostAllowed(String hostHeader) {
    if (hostHeader == null || hosts.contains(ANY)) {
      return true;
    }
    if (hostHeader.equals(lastAllowedHost)) {
      return true;
    }
    String host = hostName(hostHeader.trim().toLowerCase(Locale.ROOT));
    boolean allowed = !host.isEmpty() && (LOOPBACK.contains(host) || hosts.contains(host));
    if (allowed) {
      lastAllowedHost = hostHeader;
    }
    return allowed;
  }

  private static String hostName(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int end = hostHeader.indexOf(']');
      return end < 0 ? "" : hostHeader.substring(0, end + 1);
    }
    int colon = hostHeader.indexOf(':');
    return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
  }
}
