package dev.gatehouse.bench.jmh;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog with thousands of tools from 50 upstreams: merging the listings, looking a name up,
 * and answering {@code tools/list} (items into a result, serialized) as the handler does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CatalogBenchmark {
  private static final int UPSTREAMS = 50;

  @Param({"5000"})
  public int tools;

  private List<Catalog.Part> parts;
  private Catalog catalog;
  private String[] names;
  private int next;

  @Setup
  public void setUp() {
    parts = new ArrayList<>();
    List<String> exposed = new ArrayList<>();
    for (int u = 0; u < UPSTREAMS; u++) {
      List<ObjectNode> listing = new ArrayList<>();
      for (int t = 0; t < tools / UPSTREAMS; t++) {
        listing.add(tool("tool_" + t));
        exposed.add("s" + u + "_tool_" + t);
      }
      parts.add(
          new Catalog.Part(
              new ServerCatalog("s" + u, listing, List.of(), List.of(), List.of()),
              new Namespace("s" + u, Namespace.DEFAULT_SEPARATOR)));
    }
    catalog = Catalog.of(parts);
    names = exposed.toArray(String[]::new);
  }

  static ObjectNode tool(String name) {
    ObjectNode tool = Json.object();
    tool.put("name", name);
    tool.put("description", "Looks up records in a catalog by key and filter: " + name);
    ObjectNode schema = tool.putObject("inputSchema");
    schema.put("type", "object");
    schema.putObject("properties").putObject("key").put("type", "string");
    schema.putArray("required").add("key");
    return tool;
  }

  /** Merging every upstream's listing into a new snapshot (what a list_changed costs). */
  @Benchmark
  public Catalog build() {
    return Catalog.of(parts);
  }

  /** Finding the route of one exposed tool name (every tools/call does this). */
  @Benchmark
  public Optional<ToolEntry> lookup() {
    next = (next + 1) % names.length;
    return catalog.tool(names[next]);
  }

  /** A whole tools/list answer: the merged items into a result, serialized for the wire. */
  @Benchmark
  public byte[] listAll() {
    ObjectNode result = Json.object();
    ArrayNode array = result.putArray("tools");
    for (ToolEntry entry : catalog.tools()) {
      array.add(entry.definition());
    }
    return Json.bytes(Response.result(IntNode.valueOf(1), result).json());
  }
}
