package dev.gatehouse.bench.run;

import dev.gatehouse.bench.load.LoadGenerator;
import dev.gatehouse.bench.load.LoadResult;
import dev.gatehouse.bench.load.McpSession;
import dev.gatehouse.bench.load.Workload;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The benchmark run behind {@code bench/run.sh}: starts the upstreams and targets, drives every
 * load through every target interleaved and repeated, runs the scale checks, and writes the results
 * (JSON, Markdown, a chart).
 *
 * <pre>
 * java -cp ... dev.gatehouse.bench.run.BenchMain [--quick] --peers bench --node node
 *     --bind-loopback test-peers/bind-loopback.cjs [--nginx /usr/sbin/nginx] --work DIR
 *     --results bench/results --doc docs/benchmarks.md --commit SHA [--jmh jmh.json]
 *     [--command "bench/run.sh"]
 * </pre>
 */
public final class BenchMain {
  private final Plan plan;
  private final BenchEnv env;
  private final Launcher launcher;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Upstream> upstreams = new LinkedHashMap<>();
  private final Map<String, List<Target>> targets = new LinkedHashMap<>();
  private final Map<URI, McpSession> sessions = new HashMap<>();
  private final Map<String, String> echoNames = new HashMap<>();

  private BenchMain(Plan plan, BenchEnv env, String commit) {
    this.plan = plan;
    this.env = env;
    this.launcher = new Launcher(env, commit);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Plan plan = options.containsKey("quick") ? Plan.ofQuick() : Plan.ofFull();
    Path work = Files.createDirectories(Path.of(options.get("work")));
    BenchEnv env =
        new BenchEnv(
            Path.of(ProcessHandle.current().info().command().orElse("java")),
            System.getProperty("java.class.path"),
            Path.of(options.get("peers")),
            Path.of(options.get("bind-loopback")),
            Optional.ofNullable(options.get("nginx")).map(Path::of),
            Path.of(options.getOrDefault("node", "node")),
            work);
    String commit = options.getOrDefault("commit", "unknown");
    Instant started = Instant.now();
    BenchMain bench = new BenchMain(plan, env, commit);
    List<Measurement> measurements;
    ScaleChecks.Results scale;
    try {
      bench.start();
      measurements = bench.measure();
      // The scale checks get the machine to themselves, but for the echo upstream.
      bench.stopTargets();
      scale = new ScaleChecks(bench.launcher, plan).run(bench.upstreams.get("echo"));
    } finally {
      bench.stop();
    }
    List<Row> rows = Row.of(measurements);
    Report report =
        new Report(
            plan,
            commit,
            started,
            Duration.between(started, Instant.now()),
            options.getOrDefault("command", "bench/run.sh" + (plan.quick() ? " --quick" : "")),
            bench.versions(),
            rows,
            measurements,
            scale,
            JmhResults.read(Optional.ofNullable(options.get("jmh")).map(Path::of)),
            bench.notes);
    Path results = Files.createDirectories(Path.of(options.get("results")));
    Files.writeString(results.resolve("latest.json"), report.json());
    Path doc = Path.of(options.get("doc"));
    Path chart = doc.resolveSibling("benchmarks.png");
    Chart.write(rows, chart);
    Files.writeString(doc, report.markdown(chart.getFileName().toString()) + keptSections(doc));
    System.out.println(report.summaryTable());
    System.out.println(report.targetsTable());
    System.exit(0);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i].replaceFirst("^--", "");
      if (key.equals("quick")) {
        options.put(key, "true");
      } else if (i + 1 < args.length) {
        options.put(key, args[++i]);
      }
    }
    for (String required : List.of("peers", "bind-loopback", "work", "results", "doc")) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("--" + required + " is required");
      }
    }
    return options;
  }

  private void start() throws IOException, InterruptedException {
    upstreams.put("echo", launcher.echo());
    if (plan.upstreams().contains("everything")) {
      attempt("server-everything", () -> upstreams.put("everything", launcher.everything()));
    }
    List<Upstream> running = List.copyOf(upstreams.values());
    for (Upstream upstream : running) {
      targets.put(upstream.name(), new ArrayList<>(List.of(launcher.direct(upstream))));
    }
    if (env.nginx().isPresent()) {
      attempt(
          "nginx",
          () -> {
            List<Target> proxies = launcher.nginx(running);
            for (int i = 0; i < running.size(); i++) {
              targets.get(running.get(i).name()).add(proxies.get(i));
            }
          });
    } else {
      notes.add("nginx was not measured: no nginx binary was found.");
    }
    for (Upstream upstream : running) {
      attempt("gatehouse", () -> targets.get(upstream.name()).add(launcher.gatehouse(upstream)));
      attempt(
          "@civic/passthrough-mcp-server",
          () -> targets.get(upstream.name()).add(launcher.civic(upstream)));
    }
  }

  private interface Step {
    void run() throws IOException, InterruptedException;
  }

  private void attempt(String what, Step step) throws InterruptedException {
    try {
      step.run();
    } catch (IOException | RuntimeException e) {
      notes.add(what + " could not be started: " + e.getMessage());
      System.err.println("bench: " + what + " could not be started: " + e);
    }
  }

  private List<Measurement> measure() throws InterruptedException {
    for (Map.Entry<String, List<Target>> entry : targets.entrySet()) {
      for (Target target : entry.getValue()) {
        warmUp(entry.getKey(), target);
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    int round = 0;
    for (int repeat = 1; repeat <= plan.repeats(); repeat++) {
      for (Load load : plan.loads()) {
        List<Target> order = new ArrayList<>(targets.getOrDefault(load.upstream(), List.of()));
        if (order.isEmpty()) {
          continue;
        }
        java.util.Collections.rotate(order, round++);
        for (Target target : order) {
          once(load, target, repeat, plan.duration()).ifPresent(measurements::add);
        }
      }
    }
    return measurements;
  }

  private void warmUp(String upstream, Target target) throws InterruptedException {
    System.err.printf("bench: warming up %s (%s)%n", target.name(), upstream);
    once(new Load(upstream, "call-small", 16), target, 0, plan.warmup());
    if (target.listEndpoint().isPresent()) {
      once(new Load(upstream, "list", 4), target, 0, plan.warmup().dividedBy(3));
    }
  }

  private Optional<Measurement> once(Load load, Target target, int repeat, Duration duration)
      throws InterruptedException {
    Optional<URI> endpoint =
        load.listing() ? target.listEndpoint() : Optional.of(target.callEndpoint());
    if (endpoint.isEmpty()) {
      return Optional.empty();
    }
    try {
      McpSession session = session(endpoint.get());
      Workload workload =
          load.listing()
              ? Workload.list(load.kind())
              : Workload.call(load.kind(), echoName(session), load.payload());
      Optional<ChildProcess> process = target.processFor(load.listing());
      ChildProcess upstreamProcess = upstreams.get(load.upstream()).process();
      ProcStats.Sample cpu0 = process.map(p -> ProcStats.of(p.pid())).orElse(null);
      ProcStats.Sample up0 = ProcStats.of(upstreamProcess.pid());
      ProbeStats probe0 = target.probe() ? ProbeStats.of(process.orElseThrow()) : null;
      LoadResult result = LoadGenerator.run(session, workload, load.concurrency(), duration);
      ProbeStats probe1 = target.probe() ? ProbeStats.of(process.orElseThrow()) : null;
      ProcStats.Sample up1 = ProcStats.of(upstreamProcess.pid());
      ProcStats.Sample cpu1 = process.map(p -> ProcStats.of(p.pid())).orElse(null);
      double calls = Math.max(1, result.calls());
      if (repeat > 0) {
        System.err.printf(
            "bench: %-10s %-14s %-18s %9.0f calls/s p50 %7.0f us p99 %7.0f us errors %d%n",
            load.upstream(),
            load.label(),
            target.name(),
            result.callsPerSecond(),
            result.p50Micros(),
            result.p99Micros(),
            result.errors());
      }
      return Optional.of(
          new Measurement(
              load,
              target.name(),
              repeat,
              result,
              cpu0 == null
                  ? OptionalDouble.empty()
                  : OptionalDouble.of((cpu1.cpuMicros() - cpu0.cpuMicros()) / calls),
              OptionalDouble.of((up1.cpuMicros() - up0.cpuMicros()) / calls),
              probe0 == null
                  ? OptionalDouble.empty()
                  : OptionalDouble.of((probe1.allocatedBytes() - probe0.allocatedBytes()) / calls),
              cpu1 == null ? OptionalDouble.empty() : OptionalDouble.of(cpu1.rssBytes())));
    } catch (IOException | RuntimeException e) {
      String note = target.name() + " failed " + load.upstream() + " " + load.label() + ": " + e;
      if (!notes.contains(note)) {
        notes.add(note);
      }
      System.err.println("bench: " + note);
      return Optional.empty();
    }
  }

  private McpSession session(URI endpoint) throws IOException {
    McpSession session = sessions.get(endpoint);
    if (session == null) {
      session = McpSession.open(endpoint);
      sessions.put(endpoint, session);
    }
    return session;
  }

  private String echoName(McpSession session) throws IOException {
    String key = session.endpoint().toString();
    String name = echoNames.get(key);
    if (name == null) {
      name = session.toolNamed("echo");
      echoNames.put(key, name);
    }
    return name;
  }

  private Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    upstreams.values().forEach(u -> versions.put("upstream " + u.name(), u.version()));
    targets.values().stream()
        .flatMap(List::stream)
        .forEach(t -> versions.putIfAbsent(t.name(), t.version()));
    return versions;
  }

  private void stop() {
    stopTargets();
    upstreams.values().forEach(u -> u.process().close());
  }

  private void stopTargets() {
    targets.values().stream()
        .flatMap(List::stream)
        .flatMap(t -> java.util.stream.Stream.of(t.process(), t.listProcess()))
        .flatMap(Optional::stream)
        .distinct()
        .forEach(ChildProcess::close);
  }

  /**
   * Sections other tools write into the same document (the token budget of {@code
   * bench/tokens.sh}), kept across runs: everything from {@code ## Token budget} on.
   */
  private static String keptSections(Path doc) throws java.io.IOException {
    if (!Files.exists(doc)) {
      return "";
    }
    String text = Files.readString(doc);
    int at = text.indexOf("\n## Token budget");
    return at < 0 ? "" : "\n" + text.substring(at + 1);
  }
}
