package dev.gatehouse.bench.run;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** The micro-benchmark scores of this run, read from JMH's JSON result file. */
record JmhResults(List<Score> scores) {

  /**
   * One benchmark method with one set of parameters.
   *
   * @param benchmark {@code Class.method}
   * @param params parameter values, by name
   */
  record Score(
      String benchmark, Map<String, String> params, double score, double error, String unit) {

    String label() {
      return params.isEmpty() ? benchmark : benchmark + " " + params;
    }
  }

  static JmhResults read(Optional<Path> file) {
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      return new JmhResults(List.of());
    }
    try {
      List<Score> scores = new ArrayList<>();
      for (JsonNode run : Json.parse(Files.readString(file.get()))) {
        String name = run.path("benchmark").asString("");
        String[] parts = name.split("\\.");
        String shortName =
            parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
        Map<String, String> params = new TreeMap<>();
        run.path("params")
            .properties()
            .forEach(e -> params.put(e.getKey(), e.getValue().asString()));
        JsonNode metric = run.path("primaryMetric");
        scores.add(
            new Score(
                shortName,
                params,
                metric.path("score").asDouble(Double.NaN),
                metric.path("scoreError").asDouble(Double.NaN),
                metric.path("scoreUnit").asString("")));
      }
      return new JmhResults(scores);
    } catch (IOException | RuntimeException e) {
      return new JmhResults(List.of());
    }
  }

  /** The score of a benchmark whose label contains {@code part}. */
  Optional<Score> find(String part) {
    return scores.stream().filter(s -> s.label().contains(part)).findFirst();
  }
}
