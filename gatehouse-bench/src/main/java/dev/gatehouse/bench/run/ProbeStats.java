package dev.gatehouse.bench.run;

import java.io.IOException;
import java.time.Duration;

/**
 * What the gateway probe reports about its own JVM.
 *
 * @param allocatedBytes heap allocated by all threads since start
 * @param cpuNanos process CPU time
 * @param heapUsed heap in use (after a full GC when asked with {@link #afterGc})
 */
record ProbeStats(long allocatedBytes, long cpuNanos, long heapUsed) {
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);

  static ProbeStats of(ChildProcess probe) throws IOException, InterruptedException {
    probe.send("stats");
    String[] parts =
        probe
            .awaitLine("stats ", ANSWER_LIMIT)
            .orElseThrow(() -> new IOException(probe.name() + " gave no stats"))
            .split(" ");
    return new ProbeStats(
        Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
  }

  /** Heap in use after full collections. */
  static long afterGc(ChildProcess probe) throws IOException, InterruptedException {
    probe.send("gc");
    return Long.parseLong(
        probe
            .awaitLine("gc ", ANSWER_LIMIT)
            .orElseThrow(() -> new IOException(probe.name() + " gave no heap figure")));
  }
}
