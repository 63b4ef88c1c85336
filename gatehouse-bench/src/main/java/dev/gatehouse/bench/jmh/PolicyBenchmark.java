package dev.gatehouse.bench.jmh;

import dev.gatehouse.policy.AllowDeny;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One policy decision against a large rule set: an {@link AllowDeny} of 1,000 globs (exact names,
 * prefixes, suffixes, infixes and {@code ?}), asked about a tool by its exposed and original name,
 * as every listed and every called tool is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyBenchmark {

  @Param({"1000"})
  public int globs;

  private AllowDeny rules;
  private String[][] names;
  private int next;

  @Setup
  public void setUp() {
    List<String> allow = new ArrayList<>();
    List<String> deny = new ArrayList<>();
    for (int i = 0; allow.size() + deny.size() < globs; i++) {
      switch (i % 5) {
        case 0 -> allow.add("s" + (i % 50) + "_tool_" + i);
        case 1 -> allow.add("s" + (i % 50) + "_search_" + i + "*");
        case 2 -> deny.add("*_delete_" + i);
        case 3 -> deny.add("*admin" + i + "*");
        default -> allow.add("s" + (i % 50) + "_get_?" + i);
      }
    }
    rules = AllowDeny.of(allow, deny);
    names = new String[1000][];
    for (int i = 0; i < names.length; i++) {
      String original =
          switch (i % 4) {
            case 0 -> "tool_" + (i * 5);
            case 1 -> "search_" + (i * 5 + 1) + "_all";
            case 2 -> "delete_" + (i * 5 + 2);
            default -> "unlisted_" + i;
          };
      names[i] = new String[] {"s" + (i % 50) + "_" + original, original};
    }
  }

  /**
   * permits(exposed, original) for the next of 1,000 names (a quarter each allowed by an exact
   * name, allowed by a prefix, denied by a suffix, matched by nothing).
   */
  @Benchmark
  public boolean permits() {
    next = (next + 1) % names.length;
    return rules.permits(names[next]);
  }

  /** Compiling the rule set (done when an endpoint's rules are loaded). */
  @Benchmark
  public AllowDeny compile() {
    return AllowDeny.of(rules.allow(), rules.deny());
  }
}
