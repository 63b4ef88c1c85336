package dev.gatehouse.upstream;

import dev.gatehouse.upstream.internal.ReconnectingConnection;

/**
 * Creates upstream connections. A connection is returned unstarted so that listeners can be added
 * before the first state change:
 *
 * <pre>{@code
 * UpstreamConnection upstream = UpstreamConnections.open(config, UpstreamOptions.defaults());
 * upstream.addListener(catalog);
 * upstream.start();
 * }</pre>
 */
public final class UpstreamConnections {
  private UpstreamConnections() {}

  /**
   * A connection to {@code config}'s server, not started yet. It reconnects by itself until {@link
   * UpstreamConnection#close()}.
   */
  public static UpstreamConnection open(UpstreamConfig config, UpstreamOptions options) {
    return new ReconnectingConnection(config, options);
  }
}
