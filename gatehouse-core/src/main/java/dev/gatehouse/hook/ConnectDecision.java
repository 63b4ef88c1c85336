package dev.gatehouse.hook;

import java.util.Map;
import java.util.Objects;

/** What a {@link ConnectHook} decides before the gateway opens a connection to an upstream. */
public sealed interface ConnectDecision permits ConnectDecision.Proceed, ConnectDecision.Refuse {

  /** Connect as configured. */
  static ConnectDecision proceed() {
    return Proceed.NOTHING;
  }

  /** Connect with these HTTP headers on top of the configured ones (later hooks win). */
  static ConnectDecision withHeaders(Map<String, String> headers) {
    return new Proceed(headers);
  }

  /** Do not connect; the upstream stays unavailable with this reason. */
  static ConnectDecision refuse(String reason) {
    return new Refuse(reason);
  }

  /**
   * Connect, adding headers.
   *
   * @param headers merged over the configured headers of an HTTP upstream; ignored for stdio
   */
  record Proceed(Map<String, String> headers) implements ConnectDecision {
    static final Proceed NOTHING = new Proceed(Map.of());

    public Proceed {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * Do not connect.
   *
   * @param reason reported as the upstream's last error
   */
  record Refuse(String reason) implements ConnectDecision {
    public Refuse {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
