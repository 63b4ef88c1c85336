package dev.gatehouse.bench.probe;

import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigParser;
import dev.gatehouse.cli.config.GatehouseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the gateway exactly as {@code gatehouse serve --config FILE} builds it ({@link Daemon}), and
 * answers the bench's questions about the process on stdin, so that the gateway itself exposes
 * nothing new:
 *
 * <pre>
 * java -cp ... dev.gatehouse.bench.probe.GatewayProbeMain CONFIG [EXPECTED_TOOLS]
 * stdout: "listening on PORT", then "ready MILLIS" (JVM start to the catalog holding
 *         EXPECTED_TOOLS tools), then one line per command:
 * stdin:  "stats" -> "stats ALLOCATED_BYTES CPU_NANOS HEAP_USED"
 *         "gc"    -> "gc HEAP_USED_AFTER_FULL_GC"
 *         end of input -> the gateway closes and the process exits
 * </pre>
 *
 * Allocation is the JVM's count over all threads (carrier threads included, so virtual threads'
 * allocations count).
 */
public final class GatewayProbeMain {
  private static final long READY_LIMIT_MILLIS = 120_000;

  private GatewayProbeMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int expectedTools = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    GatehouseConfig config =
        ConfigParser.parse(Files.readString(file), Optional.of(file), file.toString());
    PrintStream out = System.out;
    try (Daemon daemon = Daemon.start(config)) {
      out.println("listening on " + daemon.port());
      out.flush();
      long limit = System.currentTimeMillis() + READY_LIMIT_MILLIS;
      while (daemon.gateway().catalog().tools().size() < expectedTools
          && System.currentTimeMillis() < limit) {
        Thread.sleep(2);
      }
      long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
      out.println("ready " + (System.currentTimeMillis() - startedAt));
      out.flush();
      serveCommands(out);
    }
    System.exit(0);
  }

  private static void serveCommands(PrintStream out) throws IOException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      switch (line.trim()) {
        case "stats" ->
            out.println(
                "stats "
                    + threads.getTotalThreadAllocatedBytes()
                    + " "
                    + os.getProcessCpuTime()
                    + " "
                    + heap().getUsed());
        case "gc" -> {
          for (int i = 0; i < 3; i++) {
            System.gc();
          }
          out.println("gc " + heap().getUsed());
        }
        default -> out.println("unknown " + line);
      }
      out.flush();
    }
  }

  private static MemoryUsage heap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
  }
}
