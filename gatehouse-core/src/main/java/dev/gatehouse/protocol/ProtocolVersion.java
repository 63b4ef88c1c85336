package dev.gatehouse.protocol;

import java.util.List;
import java.util.stream.Stream;

/**
 * The MCP protocol revisions the gateway speaks, newest first, in two eras: the session era
 * (initialize handshake, sessions) and the stateless revision 2026-07-28, where every request
 * carries its version and capabilities in {@code _meta}.
 */
public final class ProtocolVersion {
  public static final String V2024_11_05 = "2024-11-05";
  public static final String V2025_03_26 = "2025-03-26";
  public static final String V2025_06_18 = "2025-06-18";
  public static final String V2025_11_25 = "2025-11-25";
  public static final String V2026_07_28 = "2026-07-28";

  /** Revisions with sessions and the initialize handshake, newest first. */
  public static final List<String> SESSION_ERA =
      List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

  /** Revisions without sessions, where each request carries its own version, newest first. */
  public static final List<String> STATELESS_ERA = List.of(V2026_07_28);

  /** Every revision the gateway speaks, newest first. */
  public static final List<String> ALL =
      Stream.concat(STATELESS_ERA.stream(), SESSION_ERA.stream()).toList();

  /**
   * The newest session-era revision, offered to clients and upstreams that ask for an unknown one.
   */
  public static final String LATEST_SESSION_ERA = V2025_11_25;

  /** The newest stateless revision, used to probe upstreams with {@code server/discover}. */
  public static final String LATEST_STATELESS = V2026_07_28;

  private ProtocolVersion() {}

  public static boolean isSessionEra(String version) {
    return SESSION_ERA.contains(version);
  }

  /** True for the revisions without sessions (2026-07-28). */
  public static boolean isStateless(String version) {
    return STATELESS_ERA.contains(version);
  }

  /** The version to answer an initialize with: the client's when we speak it, else our latest. */
  public static String negotiate(String requested) {
    return isSessionEra(requested) ? requested : LATEST_SESSION_ERA;
  }
}
