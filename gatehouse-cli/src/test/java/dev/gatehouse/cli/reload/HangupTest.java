package dev.gatehouse.cli.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGHUP sent to this very process runs the reload instead of stopping the JVM. */
class HangupTest {

  @Test
  void aHangupRunsTheReload() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs /bin/kill");
    CountDownLatch reloaded = new CountDownLatch(1);
    Hangup.onSignal(reloaded::countDown);

    Process kill =
        new ProcessBuilder("/bin/kill", "-HUP", String.valueOf(ProcessHandle.current().pid()))
            .inheritIO()
            .start();

    assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(reloaded.await(30, TimeUnit.SECONDS)).isTrue();
  }
}
