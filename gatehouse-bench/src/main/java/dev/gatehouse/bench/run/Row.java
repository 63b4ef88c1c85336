package dev.gatehouse.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The medians over the repeats of one load through one target.
 *
 * @param errors all errors of all repeats
 * @param firstError the first failure any repeat saw
 */
record Row(
    Load load,
    String target,
    int runs,
    double callsPerSecond,
    double p50Micros,
    double p99Micros,
    long calls,
    long errors,
    OptionalDouble cpuMicrosPerCall,
    OptionalDouble upstreamCpuMicrosPerCall,
    OptionalDouble allocatedBytesPerCall,
    OptionalDouble rssBytes,
    Optional<String> firstError) {

  /** Groups measurements by load and target, in first-seen order, and takes medians. */
  static List<Row> of(List<Measurement> measurements) {
    Map<List<Object>, List<Measurement>> groups = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      groups.computeIfAbsent(List.of(m.load(), m.target()), k -> new ArrayList<>()).add(m);
    }
    List<Row> rows = new ArrayList<>();
    for (List<Measurement> group : groups.values()) {
      Measurement first = group.get(0);
      rows.add(
          new Row(
              first.load(),
              first.target(),
              group.size(),
              median(group, m -> OptionalDouble.of(m.result().callsPerSecond())).orElse(0),
              median(group, m -> OptionalDouble.of(m.result().p50Micros())).orElse(0),
              median(group, m -> OptionalDouble.of(m.result().p99Micros())).orElse(0),
              group.stream().mapToLong(m -> m.result().calls()).sum(),
              group.stream().mapToLong(m -> m.result().errors()).sum(),
              median(group, Measurement::cpuMicrosPerCall),
              median(group, Measurement::upstreamCpuMicrosPerCall),
              median(group, Measurement::allocatedBytesPerCall),
              median(group, Measurement::rssBytes),
              group.stream().flatMap(m -> m.result().firstError().stream()).findFirst()));
    }
    return rows;
  }

  static OptionalDouble median(List<Measurement> group, Function<Measurement, OptionalDouble> f) {
    double[] values =
        group.stream()
            .map(f)
            .filter(OptionalDouble::isPresent)
            .mapToDouble(OptionalDouble::getAsDouble)
            .filter(v -> !Double.isNaN(v))
            .sorted()
            .toArray();
    if (values.length == 0) {
      return OptionalDouble.empty();
    }
    int mid = values.length / 2;
    return OptionalDouble.of(
        values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2);
  }

  /** The row of the same load through {@code target}, if measured. */
  static Optional<Row> find(List<Row> rows, Load load, String target) {
    return rows.stream()
        .filter(r -> r.load().equals(load) && r.target().equals(target))
        .findFirst();
  }
}
