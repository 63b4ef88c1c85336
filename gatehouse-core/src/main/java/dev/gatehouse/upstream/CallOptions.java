package dev.gatehouse.upstream;

import dev.gatehouse.endpoint.Exchange;
import java.time.Duration;
import java.util.Optional;

/**
 * How to send one request upstream.
 *
 * @param timeout how long to wait for the answer before failing with {@code TIMEOUT} (and sending
 *     {@code notifications/cancelled} upstream)
 * @param origin the downstream exchange the request serves: progress notifications, log messages
 *     and server-to-client requests (sampling, elicitation, roots) that the upstream sends about
 *     this request are routed to it. Empty for the gateway's own requests (listing, refresh).
 */
public record CallOptions(Duration timeout, Optional<Exchange> origin) {

  public static CallOptions of(Duration timeout) {
    return new CallOptions(timeout, Optional.empty());
  }

  public static CallOptions of(Duration timeout, Exchange origin) {
    return new CallOptions(timeout, Optional.of(origin));
  }
}
