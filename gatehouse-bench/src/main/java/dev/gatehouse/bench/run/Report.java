package dev.gatehouse.bench.run;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders one run: {@code latest.json}, {@code docs/benchmarks.md}, and the console tables. */
record Report(
    Plan plan,
    String commit,
    Instant started,
    Duration took,
    String command,
    Map<String, String> versions,
    List<Row> rows,
    List<Measurement> measurements,
    ScaleChecks.Results scale,
    JmhResults jmh,
    List<String> notes) {

  String json() {
    ObjectNode root = Json.object();
    root.put("date", started.toString());
    root.put("commit", commit);
    root.put("command", command);
    root.put("seconds", took.toSeconds());
    root.put("machine", machine());
    root.put("quick", plan.quick());
    root.put("repeats", plan.repeats());
    root.put("secondsPerRun", plan.duration().toMillis() / 1000.0);
    ObjectNode versionsNode = root.putObject("versions");
    versions.forEach(versionsNode::put);
    ArrayNode results = root.putArray("results");
    for (Row row : rows) {
      ObjectNode r = results.addObject();
      r.put("upstream", row.load().upstream());
      r.put("load", row.load().kind());
      r.put("concurrency", row.load().concurrency());
      r.put("target", row.target());
      r.put("runs", row.runs());
      r.put("callsPerSecond", round(row.callsPerSecond()));
      r.put("p50Micros", round(row.p50Micros()));
      r.put("p99Micros", round(row.p99Micros()));
      r.put("calls", row.calls());
      r.put("errors", row.errors());
      put(r, "cpuMicrosPerCall", row.cpuMicrosPerCall());
      put(r, "upstreamCpuMicrosPerCall", row.upstreamCpuMicrosPerCall());
      put(r, "allocatedBytesPerCall", row.allocatedBytesPerCall());
      put(r, "rssBytes", row.rssBytes());
      row.firstError().ifPresent(e -> r.put("firstError", e));
      direct(row).ifPresent(d -> r.put("throughputVsDirect", round(row.callsPerSecond() / d)));
    }
    ArrayNode runs = root.putArray("runs");
    for (Measurement m : measurements) {
      if (m.repeat() > 0) {
        ObjectNode r = runs.addObject();
        r.put("upstream", m.load().upstream());
        r.put("load", m.load().label());
        r.put("target", m.target());
        r.put("repeat", m.repeat());
        r.put("callsPerSecond", round(m.result().callsPerSecond()));
        r.put("p50Micros", round(m.result().p50Micros()));
        r.put("p99Micros", round(m.result().p99Micros()));
        r.put("errors", m.result().errors());
        put(r, "cpuMicrosPerCall", m.cpuMicrosPerCall());
        put(r, "allocatedBytesPerCall", m.allocatedBytesPerCall());
      }
    }
    root.set("scale", Json.mapper().valueToTree(scale));
    ArrayNode micro = root.putArray("jmh");
    jmh.scores().forEach(s -> micro.add(Json.mapper().valueToTree(s)));
    ArrayNode goals = root.putArray("goals");
    Goals.of(rows, scale, jmh).forEach(g -> goals.add(Json.mapper().valueToTree(g)));
    notes.forEach(root.putArray("notes")::add);
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  String markdown(String chartFile) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append(
        "Written by `bench/run.sh` (see [How it measures](#how-it-measures)); do not edit by hand.\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| date | ")
        .append(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                started.atOffset(ZoneOffset.UTC).withNano(0)))
        .append(" UTC |\n");
    md.append("| machine | ").append(machine()).append(" |\n");
    md.append("| commit | `").append(commit).append("` |\n");
    md.append("| command | `")
        .append(command)
        .append("` (")
        .append(took.toSeconds())
        .append(" s) |\n");
    md.append("| runs | ")
        .append(plan.repeats())
        .append(" interleaved repeats of ")
        .append(plan.duration().toSeconds())
        .append(" s per load and target; medians |\n\n");
    md.append("## Targets of issue 7\n\n").append(targetsTable()).append('\n');
    md.append("## Load through each target\n\n");
    md.append(
        "Medians of the repeats. `x direct` and `x nginx` are throughput ratios against the same"
            + " load in the same run; `+p50` is the latency added to direct's median. CPU is the"
            + " target's whole process tree per call, from `/proc` (for direct: none); alloc is"
            + " heap allocated per call in the gateway JVM.\n\n");
    md.append(summaryTable()).append('\n');
    md.append("![calls per second by load and target](").append(chartFile).append(")\n\n");
    md.append("Versions: ");
    versions.forEach((k, v) -> md.append(k).append(" = ").append(v).append("; "));
    md.append("\n\n");
    md.append(scaleSection());
    md.append(jmhSection());
    if (!notes.isEmpty()) {
      md.append("## Notes of this run\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    md.append(Method.TEXT);
    return md.toString();
  }

  String summaryTable() {
    StringBuilder t = new StringBuilder();
    t.append(
        "| upstream | load | target | calls/s | x direct | x nginx | p50 ms | +p50 ms | p99 ms"
            + " | errors | CPU us/call | x nginx CPU | alloc KB/call | RSS MB |\n");
    t.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      Optional<Row> nginx = Row.find(rows, row.load(), "nginx");
      Optional<Row> direct = Row.find(rows, row.load(), "direct");
      t.append("| ")
          .append(row.load().upstream())
          .append(" | ")
          .append(row.load().label())
          .append(" | ")
          .append(row.target())
          .append(" | ")
          .append(String.format("%.0f", row.callsPerSecond()))
          .append(" | ")
          .append(ratio(row.callsPerSecond(), direct.map(Row::callsPerSecond)))
          .append(" | ")
          .append(ratio(row.callsPerSecond(), nginx.map(Row::callsPerSecond)))
          .append(" | ")
          .append(String.format("%.3f", row.p50Micros() / 1000))
          .append(" | ")
          .append(
              direct
                  .filter(d -> d != row)
                  .map(d -> String.format("%+.3f", (row.p50Micros() - d.p50Micros()) / 1000))
                  .orElse(""))
          .append(" | ")
          .append(String.format("%.3f", row.p99Micros() / 1000))
          .append(" | ")
          .append(row.errors())
          .append(" | ")
          .append(format(row.cpuMicrosPerCall(), 1, "%.1f"))
          .append(" | ")
          .append(
              nginx
                  .flatMap(n -> toOptional(n.cpuMicrosPerCall()))
                  .flatMap(n ->
                      toOptional(row.cpuMicrosPerCall()).map(c -> String.format("%.2f", c / n)))
                  .orElse(""))
          .append(" | ")
          .append(format(row.allocatedBytesPerCall(), 1024, "%.1f"))
          .append(" | ")
          .append(format(row.rssBytes(), 1024 * 1024, "%.0f"))
          .append(" |\n");
    }
    return t.toString();
  }

  String targetsTable() {
    StringBuilder t = new StringBuilder("| target | measured | verdict |\n|---|---|---|\n");
    for (Goals.Goal goal : Goals.of(rows, scale, jmh)) {
      t.append("| ")
          .append(goal.goal())
          .append(" | ")
          .append(goal.measured())
          .append(" | ")
          .append(goal.verdict().equals("missed") ? "**missed**" : goal.verdict())
          .append(" |\n");
    }
    return t.toString();
  }

  private String scaleSection() {
    ScaleChecks.Results s = scale;
    StringBuilder md = new StringBuilder("## Scale checks\n\n| check | result |\n|---|---|\n");
    md.append(
        String.format(
            "| startup to ready (1 upstream, JVM start to catalog) | %d ms |%n",
            s.startupMillis()));
    md.append(
        String.format(
            "| %,d idle sessions | %.1f KB heap and %.1f KB RSS per session |%n",
            s.idleSessions(),
            s.heapBytesPerIdleSession() / 1024,
            s.rssBytesPerIdleSession() / 1024));
    md.append(
        String.format(
            "| %d upstreams x %,d tools | ready %d ms after JVM start; tools/list %.0f ms for %.1f MB"
                + " (client-side, loopback) |%n",
            s.listUpstreams(),
            s.listToolsPerUpstream(),
            s.listReadyMillis(),
            s.listMillis(),
            s.listBytes() / 1e6));
    md.append(
        String.format(
            "| %.0f MB result passed through, %d calls | %.0f ms per call; %.1f MB allocated per call"
                + " (%.1fx the result); RSS %.0f MB before, %.0f MB after; heap after GC %.0f MB |%n",
            s.bigResultBytes() / 1e6,
            s.bigResultCalls(),
            s.bigMillis(),
            s.bigAllocatedBytesPerCall() / 1e6,
            s.bigAllocatedBytesPerCall() / s.bigResultBytes(),
            s.bigRssBefore() / 1e6,
            s.bigRssAfter() / 1e6,
            s.bigHeapAfterGc() / 1e6));
    s.notes().forEach(n -> md.append("| note | ").append(n).append(" |\n"));
    return md.append('\n').toString();
  }

  private String jmhSection() {
    StringBuilder md = new StringBuilder("## Micro-benchmarks (JMH)\n\n");
    if (jmh.scores().isEmpty()) {
      return md.append("Not run in this run (`bench/run.sh` without `--quick` runs them).\n\n")
          .toString();
    }
    md.append("| benchmark | params | score | error | unit |\n|---|---|---:|---:|---|\n");
    for (JmhResults.Score s : jmh.scores()) {
      md.append(
          String.format(
              "| %s | %s | %.3f | %.3f | %s |%n",
              s.benchmark(), s.params(), s.score(), s.error(), s.unit()));
    }
    return md.append('\n').toString();
  }

  private Optional<Double> direct(Row row) {
    return Row.find(rows, row.load(), "direct").map(Row::callsPerSecond).filter(d -> d > 0);
  }

  private static String ratio(double value, Optional<Double> base) {
    return base.filter(b -> b > 0).map(b -> String.format("%.2f", value / b)).orElse("");
  }

  private static Optional<Double> toOptional(OptionalDouble value) {
    return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
  }

  private static String format(OptionalDouble value, double divisor, String pattern) {
    return value.isPresent() ? String.format(pattern, value.getAsDouble() / divisor) : "";
  }

  private static void put(ObjectNode node, String field, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(field, round(value.getAsDouble()));
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException e) {
      // keep the default
    }
    return String.format(
        "%d cores (%s), %.0f GB, %s %s, Java %s",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize()
            / 1e9,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        Runtime.version());
  }
}
