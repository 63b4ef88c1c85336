package dev.gatehouse.httpclient;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: scheme, host and port. Connections are pooled per origin.
 *
 * @param secure https
 * @param host the host name or address, without brackets
 * @param port the port, the scheme's default when the URI names none
 */
record Origin(boolean secure, String host, int port) {

  static Origin of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an http or https URL: " + uri);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("no host in " + uri);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean secure = scheme.equals("https");
    int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
    return new Origin(secure, host.toLowerCase(Locale.ROOT), port);
  }

  /** The {@code Host} header: the port only when it is not the scheme's default. */
  String hostHeader() {
    String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == (secure ? 443 : 80) ? name : name + ":" + port;
  }

  @Override
  public String toString() {
    return (secure ? "https://" : "http://") + hostHeader();
  }
}
