package dev.gatehouse.bench.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How much to measure: the quick plan fits in a couple of minutes (the echo upstream only, two
 * repeats), the full one in a quarter of an hour.
 */
record Plan(
    boolean quick,
    List<String> upstreams,
    List<Load> loads,
    int repeats,
    Duration duration,
    Duration warmup,
    int idleSessions,
    int scaleUpstreams,
    int scaleToolsPerUpstream,
    int bigResultBytes,
    int bigResultCalls) {

  static Plan ofQuick() {
    List<Load> loads =
        List.of(
            new Load("echo", "call-small", 1),
            new Load("echo", "call-small", 16),
            new Load("echo", "call-small", 64),
            new Load("echo", "call-100k", 16),
            new Load("echo", "list", 16));
    return new Plan(
        true,
        List.of("echo"),
        loads,
        2,
        Duration.ofSeconds(2),
        Duration.ofSeconds(8),
        10_000,
        50,
        1_000,
        10_000_000,
        5);
  }

  static Plan ofFull() {
    List<Load> loads = new ArrayList<>();
    for (String kind : List.of("call-small", "call-100k")) {
      for (int c : List.of(1, 16, 64)) {
        loads.add(new Load("echo", kind, c));
      }
    }
    loads.add(new Load("echo", "list", 1));
    loads.add(new Load("echo", "list", 16));
    for (int c : List.of(1, 16, 64)) {
      loads.add(new Load("everything", "call-small", c));
    }
    loads.add(new Load("everything", "call-100k", 16));
    return new Plan(
        false,
        List.of("echo", "everything"),
        loads,
        3,
        Duration.ofSeconds(3),
        Duration.ofSeconds(30),
        10_000,
        50,
        1_000,
        10_000_000,
        10);
  }
}
