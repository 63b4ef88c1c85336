package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  @Test
  void readiesOnADaemonThreadThatEndsByItself() throws InterruptedException {
    Thread thread = WarmUp.start();

    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("gatehouse-warm-up");
    assertThat(thread.join(Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void keepsNothingBesideClassesOutsideAJar() {
    assertThat(WarmUp.besideTheJar("native")).isEmpty();
  }
}
