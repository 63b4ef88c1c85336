package dev.gatehouse.bench.jmh;

import dev.gatehouse.Gateway;
import dev.gatehouse.catalog.ServerCatalog;
import dev.gatehouse.client.ClientOptions;
import dev.gatehouse.client.GatewayClient;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.upstream.UpstreamConfig;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code search_tools} over 10,000 tools of 50 upstreams, as a discovery endpoint answers it: the
 * ranked hits of a few-word query, with a typo now and then. The index is built once per catalog
 * snapshot, on the first search; this measures the searches after it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SearchBenchmark {
  private static final int UPSTREAMS = 50;
  private static final String[] VERBS = {
    "create", "list", "get", "update", "delete", "search", "merge", "close", "archive", "export"
  };
  private static final String[] NOUNS = {
    "issue",
    "pull_request",
    "repository",
    "branch",
    "comment",
    "file",
    "user",
    "team",
    "label",
    "milestone",
    "release",
    "workflow",
    "ticket",
    "invoice",
    "customer",
    "order",
    "message",
    "channel",
    "document",
    "page"
  };
  private static final String[] QUERIES = {
    "create a github issue",
    "list open pull requests",
    "delete a branch",
    "send a mesage",
    "export invoices for a customer",
    "search documents by title"
  };

  @Param({"10000"})
  public int tools;

  private Gateway gateway;
  private GatewayClient client;
  private int next;

  @Setup
  public void setUp() {
    List<UpstreamConfig> configs = new ArrayList<>();
    for (int u = 0; u < UPSTREAMS; u++) {
      configs.add(UpstreamConfig.stdio("s" + u, "unused", List.of()));
    }
    gateway =
        Gateway.builder()
            .upstreams(configs)
            .connector(DormantUpstream::new)
            .discovery(DiscoverySettings.of(EndpointMode.DISCOVERY))
            .build();
    int perUpstream = tools / UPSTREAMS;
    for (int u = 0; u < UPSTREAMS; u++) {
      List<ObjectNode> listing = new ArrayList<>();
      for (int t = 0; t < perUpstream; t++) {
        String verb = VERBS[t % VERBS.length];
        String noun = NOUNS[(t / VERBS.length + u) % NOUNS.length];
        ObjectNode tool = Json.object();
        tool.put("name", verb + "_" + noun + "_" + t);
        tool.put(
            "description",
            "Use this to "
                + verb
                + " a "
                + noun.replace('_', ' ')
                + " in service "
                + u
                + ". Returns the "
                + noun.replace('_', ' ')
                + " with its id, owner and timestamps.");
        ObjectNode schema = tool.putObject("inputSchema");
        schema.put("type", "object");
        schema.putObject("properties").putObject("id").put("type", "string");
        listing.add(tool);
      }
      gateway.registry().seed(new ServerCatalog("s" + u, listing, List.of(), List.of(), List.of()));
    }
    client = GatewayClient.open(gateway.handler(), ClientOptions.defaults());
    JsonNode first = search();
    if (first.path("isError").asBoolean(false) || gateway.catalog().tools().size() != tools) {
      throw new IllegalStateException("search_tools failed: " + first);
    }
  }

  @TearDown
  public void tearDown() {
    client.close();
    gateway.close();
  }

  /** One search_tools call for the next query, default limit (10 hits). */
  @Benchmark
  public JsonNode search() {
    next = (next + 1) % QUERIES.length;
    ObjectNode params = Json.object();
    params.put("name", "search_tools");
    params.putObject("arguments").put("query", QUERIES[next]);
    return client.request(McpMethods.TOOLS_CALL, params);
  }
}
