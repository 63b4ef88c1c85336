package dev.gatehouse.hook;

import dev.gatehouse.upstream.UpstreamConfig;

/**
 * Runs before the gateway opens the connection to an upstream (at start, and whenever that
 * upstream's config is replaced): may add HTTP headers (credentials fetched at connect time) or
 * refuse the upstream (an egress allowlist). Hooks run in registration order; headers merge, later
 * ones winning. A hook that throws refuses the upstream. The headers apply to every session of that
 * connection, reconnects included.
 */
@FunctionalInterface
public interface ConnectHook {
  ConnectDecision beforeConnect(UpstreamConfig upstream);
}
