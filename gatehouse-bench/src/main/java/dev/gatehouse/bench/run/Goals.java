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
    goals.add(startup(scale));
    goals.add(listing(jmh));
    goals.add(search(jmh));
    return goals;
  }

  private static Goal startup(ScaleChecks.Results scale) {
    String goal = "startup to ready <= 1 s with the last-known catalog";
    if (scale.serveKeptMillis() < 0) {
      return new Goal(goal, "check failed", "not measured");
    }
    return new Goal(
        goal,
        String.format(
            "%d ms from spawning `./gatehouse serve` to a tools/list answered from the kept"
                + " catalog (median of %d; the first start, listing live: %d ms)",
            scale.serveKeptMillis(), scale.serveKeptRuns().length, scale.serveFirstMillis()),
        verdict(scale.serveKeptMillis() <= 1000));
  }

  private static Goal listing(JmhResults jmh) {
    String goal = "tools/list of 5,000 tools through policy filtering <= 5 ms server-side";
    Optional<JmhResults.Score> listed = jmh.exact("CatalogBenchmark.listFiltered");
    if (listed.isEmpty()) {
      return new Goal(
          goal,
          "micro-benchmarks not run (bench/run.sh without --quick runs them)",
          "not measured");
    }
    String scratch =
        jmh.exact("CatalogBenchmark.listFilteredFromScratch")
            .map(s -> String.format("; %.2f ms the first time after a catalog change", toMillis(s)))
            .orElse("");
    return new Goal(
        goal,
        String.format(
            "%.2f ms (JMH: a group endpoint's 5,000 tools through per-server and group allow/deny"
                + " globs, handler + serialization%s)",
            toMillis(listed.get()), scratch),
        verdict(toMillis(listed.get()) <= 5));
  }

  private static Goal search(JmhResults jmh) {
    String goal = "search over 10,000 tools <= 2 ms";
    return jmh.exact("SearchBenchmark.search")
        .map(s ->
            new Goal(
                goal,
                String.format(
                    "%.3f ms (JMH: search_tools on a discovery endpoint, 10,000 tools)",
                    toMillis(s)),
                verdict(toMillis(s) <= 2)))
        .orElse(
            new Goal(
                goal,
                "micro-benchmarks not run (bench/run.sh without --quick runs them)",
                "not measured"));
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
