package dev.gatehouse.bench.jmh;

import dev.gatehouse.Gateway;
import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.Namespace;
import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.client.ClientOptions;
import dev.gatehouse.client.GatewayClient;
import dev.gatehouse.policy.AllowDeny;
import dev.gatehouse.policy.EndpointView;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.UpstreamConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog with thousands of tools from 50 upstreams: merging the listings, looking a name up,
 * and answering {@code tools/list}: the bare catalog serialized, and a group endpoint's listing
 * through its policy (each server's allow and deny globs, the group's own) as the gateway's handler
 * answers it and serializes it for the wire.
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
  private Gateway gateway;
  private EndpointView view;
  private GatewayClient filtered;

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

    List<UpstreamConfig> configs = new ArrayList<>();
    for (int u = 0; u < UPSTREAMS; u++) {
      configs.add(UpstreamConfig.stdio("s" + u, "unused", List.of()));
    }
    gateway = Gateway.builder().upstreams(configs).connector(DormantUpstream::new).build();
    parts.forEach(part -> gateway.registry().seed(part.listing()));
    view = groupView();
    View fixed = view;
    filtered = GatewayClient.open(gateway.endpoint(exchange -> fixed), ClientOptions.defaults());
    int listed = filtered.request(McpMethods.TOOLS_LIST, Json.object()).path("tools").size();
    if (listed == 0 || listed == tools) {
      throw new IllegalStateException("the policy should hide some tools, not " + listed);
    }
  }

  /**
   * A group of every server: each server allows its tools by two prefixes and denies some by suffix
   * and by {@code ?}; the group denies one name pattern across servers.
   */
  private static EndpointView groupView() {
    Map<String, AllowDeny> rules = new HashMap<>();
    for (int u = 0; u < UPSTREAMS; u++) {
      rules.put(
          "s" + u,
          AllowDeny.of(
              List.of("tool_1*", "tool_2*", "tool_3*", "s" + u + "_tool_4*", "tool_5?"),
              List.of("*_13", "tool_2?7", "s" + u + "_tool_39")));
    }
    Set<String> members = new java.util.HashSet<>(rules.keySet());
    return new EndpointView(
        rules, Optional.of(members), AllowDeny.of(List.of(), List.of("s1?_tool_1*", "*_99")));
  }

  @TearDown
  public void tearDown() {
    filtered.close();
    gateway.close();
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

  /**
   * tools/list of a group endpoint, server side: the handler's answer through the policy,
   * serialized for the wire. The catalog is the same from call to call, as between two catalog
   * changes.
   */
  @Benchmark
  public byte[] listFiltered() {
    return Json.bytes(filtered.request(McpMethods.TOOLS_LIST, Json.object()));
  }

  /**
   * The same listing computed from scratch, as the first tools/list after a catalog change does:
   * every tool through the policy, the items into a result, serialized.
   */
  @Benchmark
  public byte[] listFilteredFromScratch() {
    ObjectNode result = Json.object();
    ArrayNode array = result.putArray("tools");
    for (ToolEntry entry : catalog.tools()) {
      if (view.tool(entry)) {
        array.add(entry.definition());
      }
    }
    return Json.bytes(Response.result(IntNode.valueOf(1), result).json());
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
