package dev.gatehouse.upstream;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a lost upstream waits before the next connection attempt: {@code initial}, doubled per
 * failed attempt up to {@code max}, each delay spread by ±{@code jitter} (a fraction) so that many
 * gateways restarting together do not hit an upstream in lockstep.
 *
 * @param initial the delay after the first failure
 * @param max the longest delay
 * @param jitter fraction of the delay to add or remove at random, {@code 0} to {@code 1}
 */
public record Backoff(Duration initial, Duration max, double jitter) {

  /** 500 ms doubling up to 30 s, ±20 %. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2);

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("backoff initial delay must be positive");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff max delay must not be below the initial delay");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("backoff jitter must be between 0 and 1");
    }
  }

  /** The delay before attempt {@code failures + 1}, where {@code failures} counts from 0. */
  public Duration delay(int failures, RandomGenerator random) {
    int doublings = Math.min(Math.max(failures, 0), 30);
    double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, doublings));
    double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter;
    return Duration.ofMillis(Math.max(1, Math.round(base * (1 + spread))));
  }
}
