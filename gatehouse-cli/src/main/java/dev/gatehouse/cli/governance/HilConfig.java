package dev.gatehouse.cli.governance;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The config's {@code "hil"} section: human approval of calls the policy marks {@code confirm}.
 *
 * @param enabled whether calls wait for a human; when off, such calls are denied
 * @param autoOpenBrowser open the approval page in the desktop's browser when a call starts waiting
 *     (without a display the URL is only logged)
 * @param timeout how long a call waits before it is denied
 * @param webhook a URL to post each new approval to, as JSON
 */
public record HilConfig(
    boolean enabled, boolean autoOpenBrowser, Duration timeout, Optional<URI> webhook) {

  public static final HilConfig OFF =
      new HilConfig(false, true, Duration.ofSeconds(120), Optional.empty());

  public HilConfig {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(webhook, "webhook");
  }
}
