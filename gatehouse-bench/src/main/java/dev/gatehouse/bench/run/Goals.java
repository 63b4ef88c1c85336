package dev.gatehouse.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The performance targets, each with the figure this run measured and a verdict. */
final class Goals {
  private static final String GATEWAY = "gatehouse";

  private Goals() {}

  /**
   * @param goal the target as the issue states it
   * @param measured the figure, with what it was measured on
   * @param verdict {@code met}, {@code missed} or {@code not measured}
   */
  record Goal(String goal, String measured, String verdict) {}

  static List<Goal> of(List<Row> rows, ScaleChecks.Results scale, JmhResults jmh) {
    List<Goal> goals = new ArrayList<>();
    goals.add(cpuVersusNginx(rows));
    goals.add(throughputVersusDirect(rows));
    goals.add(addedLatency(rows));
    goals.addAll(versusPeers(rows));
    goals.add(
        scale.heapBytesPerIdleSession() < 0
            ? new Goal("<= 16 KB heap per idle session", "check failed", "not measured")
            : new Goal(
                "<= 16 KB heap per idle session",
                String.format(
                    "%.1f KB (%,d sessions; RSS %.1f KB each)",
                    scale.heapBytesPerIdleSession() / 1024,
                    scale.idleSessions(),
                    scale.rssBytesPerIdleSession() / 1024),
                verdict(scale.heapBytesPerIdleSession() <= 16 * 1024)));
    goals.add(
        scale.startupMillis() < 0
            ? new Goal("startup to ready <= 1 s", "check failed", "not measured")
            : new Goal(
                "startup to ready <= 1 s with the last-known catalog",
                String.format(
                    "%d ms from JVM start to a ready catalog, fetched live (there is no"
                        + " last-known catalog yet)",
                    scale.startupMillis()),
                verdict(scale.startupMillis() <= 1000)));
    Optional<JmhResults.Score> listing = jmh.find("CatalogBenchmark.listAll");
    goals.add(
        listing
            .map(s ->
                new Goal(
                    "tools/list of 5,000 tools through policy filtering <= 5 ms server-side",
                    String.format(
                        "%.2f ms (JMH, handler + serialization; no policy exists yet)",
                        toMillis(s)),
                    verdict(toMillis(s) <= 5)))
            .orElse(
                new Goal(
                    "tools/list of 5,000 tools through policy filtering <= 5 ms server-side",
                    "micro-benchmarks not run (bench/run.sh without --quick runs them)",
                    "not measured")));
    goals.add(
        new Goal(
            "search over 10,000 tools <= 2 ms", "the gateway has no search yet", "not measured"));
    return goals;
  }

  private static Goal cpuVersusNginx(List<Row> rows) {
    String goal = "gateway CPU per tools/call <= 2x nginx's";
    Load load = new Load("echo", "call-small", 16);
    Optional<Row> gateway = Row.find(rows, load, GATEWAY);
    Optional<Row> nginx = Row.find(rows, load, "nginx");
    if (gateway.isEmpty()
        || nginx.isEmpty()
        || gateway.get().cpuMicrosPerCall().isEmpty()
        || nginx.get().cpuMicrosPerCall().isEmpty()) {
      return new Goal(goal, "gateway or nginx not measured", "not measured");
    }
    double g = gateway.get().cpuMicrosPerCall().getAsDouble();
    double n = nginx.get().cpuMicrosPerCall().getAsDouble();
    return new Goal(
        goal,
        String.format("%.1f us vs %.1f us = %.2fx (echo, small, c16)", g, n, g / n),
        verdict(g <= 2 * n));
  }

  private static Goal throughputVersusDirect(List<Row> rows) {
    String goal = "throughput >= 90% of direct when the upstream is the bottleneck";
    Load everything = new Load("everything", "call-small", 16);
    Load echo = new Load("echo", "call-small", 16);
    boolean bottleneck = Row.find(rows, everything, GATEWAY).isPresent();
    Load load = bottleneck ? everything : echo;
    Optional<Row> gateway = Row.find(rows, load, GATEWAY);
    Optional<Row> direct = Row.find(rows, load, "direct");
    if (gateway.isEmpty() || direct.isEmpty()) {
      return new Goal(goal, "not measured", "not measured");
    }
    double ratio = gateway.get().callsPerSecond() / direct.get().callsPerSecond();
    return new Goal(
        goal,
        String.format(
            "%.0f%% (%s, small, c16%s)",
            ratio * 100,
            load.upstream(),
            bottleneck ? "" : "; the echo upstream is not the bottleneck, so this is stricter"),
        verdict(ratio >= 0.9));
  }

  private static Goal addedLatency(List<Row> rows) {
    String goal = "added p50 latency <= 0.3 ms at concurrency 1";
    Load load = new Load("echo", "call-small", 1);
    Optional<Row> gateway = Row.find(rows, load, GATEWAY);
    Optional<Row> direct = Row.find(rows, load, "direct");
    if (gateway.isEmpty() || direct.isEmpty()) {
      return new Goal(goal, "not measured", "not measured");
    }
    double added = (gateway.get().p50Micros() - direct.get().p50Micros()) / 1000;
    return new Goal(
        goal,
        String.format(
            "+%.3f ms (%.3f vs %.3f ms direct; echo, small)",
            added, gateway.get().p50Micros() / 1000, direct.get().p50Micros() / 1000),
        verdict(added <= 0.3));
  }

  private static List<Goal> versusPeers(List<Row> rows) {
    List<Goal> goals = new ArrayList<>();
    Load load = new Load("echo", "call-small", 16);
    Optional<Row> gateway = Row.find(rows, load, GATEWAY);
    rows.stream()
        .filter(r -> r.load().equals(load))
        .map(Row::target)
        .filter(t -> !List.of(GATEWAY, "direct", "nginx").contains(t))
        .distinct()
        .forEach(peer -> {
          Row other = Row.find(rows, load, peer).orElseThrow();
          String goal = ">= 3x the throughput of " + peer + " at c16, with lower p99";
          if (gateway.isEmpty() || other.callsPerSecond() <= 0) {
            goals.add(new Goal(goal, "not measured", "not measured"));
            return;
          }
          double ratio = gateway.get().callsPerSecond() / other.callsPerSecond();
          boolean lowerP99 = gateway.get().p99Micros() < other.p99Micros();
          goals.add(
              new Goal(
                  goal,
                  String.format(
                      "%.1fx; p99 %.2f vs %.2f ms (echo, small)",
                      ratio, gateway.get().p99Micros() / 1000, other.p99Micros() / 1000),
                  verdict(ratio >= 3 && lowerP99)));
        });
    return goals;
  }

  private static double toMillis(JmhResults.Score score) {
    return switch (score.unit()) {
      case "us/op" -> score.score() / 1000;
      case "ns/op" -> score.score() / 1_000_000;
      case "ms/op" -> score.score();
      default -> Double.NaN;
    };
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }
}
