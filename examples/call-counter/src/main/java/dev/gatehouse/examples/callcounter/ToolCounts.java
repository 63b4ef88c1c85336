package dev.gatehouse.examples.callcounter;

import dev.gatehouse.protocol.Json;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.node.ObjectNode;

/** Calls and errors per tool since the last reset; thread-safe and lock-free. */
final class ToolCounts {
  private record Count(LongAdder calls, LongAdder errors) {
    Count() {
      this(new LongAdder(), new LongAdder());
    }
  }

  private final Map<String, Count> counts = new ConcurrentHashMap<>();
  private volatile Instant since = Instant.now();

  void called(String tool) {
    counts.computeIfAbsent(tool, t -> new Count()).calls().increment();
  }

  void failed(String tool) {
    counts.computeIfAbsent(tool, t -> new Count()).errors().increment();
  }

  void reset() {
    counts.clear();
    since = Instant.now();
  }

  /** {@code {"since": ..., "tools": {"name": {"calls": n, "errors": m}, ...}}}, names sorted. */
  ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("since", since.toString());
    ObjectNode tools = json.putObject("tools");
    new TreeMap<>(counts)
        .forEach((tool, count) ->
            tools
                .putObject(tool)
                .put("calls", count.calls().sum())
                .put("errors", count.errors().sum()));
    return json;
  }
}
