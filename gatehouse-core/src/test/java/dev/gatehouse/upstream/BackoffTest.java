package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0);
    Random random = new Random(1);

    assertThat(backoff.delay(0, random)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delay(1, random)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(3, random)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delay(6, random)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(10_000, random)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterStaysWithinItsFraction() {
    Random random = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      Duration delay = Backoff.DEFAULT.delay(2, random);
      assertThat(delay).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
    }
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
