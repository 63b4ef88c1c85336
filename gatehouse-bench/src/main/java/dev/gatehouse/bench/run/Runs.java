package dev.gatehouse.bench.run;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the bench starts, so that all of them end however the bench ends: normally, by an
 * exception, or by a signal (a shutdown hook stops what is left).
 */
final class Runs {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(LIVE).forEach(p -> stop(p, Duration.ofSeconds(2)))));
  }

  private Runs() {}

  static void register(Process process) {
    LIVE.add(process);
  }

  /**
   * SIGTERM to the process and its descendants, SIGKILL to whatever is left after {@code grace}.
   */
  static void stop(Process process, Duration grace) {
    List<ProcessHandle> family =
        java.util.stream.Stream.concat(
                process.descendants(), java.util.stream.Stream.of(process.toHandle()))
            .toList();
    family.forEach(ProcessHandle::destroy);
    try {
      process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    LIVE.remove(process);
  }
}
