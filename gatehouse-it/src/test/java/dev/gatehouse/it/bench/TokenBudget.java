package dev.gatehouse.it.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.gatehouse.Gateway;
import dev.gatehouse.client.ClientOptions;
import dev.gatehouse.client.GatewayClient;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.routing.EndpointSettings;
import dev.gatehouse.routing.GatewayHandler;
import dev.gatehouse.testkit.Content;
import dev.gatehouse.testkit.HttpTestServer;
import dev.gatehouse.testkit.TestServer;
import dev.gatehouse.testkit.TestServerBuilder;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamConnections;
import dev.gatehouse.upstream.UpstreamOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The token budget of progressive discovery: how many tokens of context a client receives at
 * connect time ({@code tools/list} and the instructions) from a flat endpoint and from a discovery
 * endpoint, for 50, 200 and 1,000 upstream tools, and what one typical discover → schema → execute
 * round costs on top. Counted with a real tokenizer (jtokkit's {@code o200k_base}, and {@code
 * cl100k_base} for comparison) over the JSON a client receives.
 *
 * <p>Upstreams are test servers over Streamable HTTP on 127.0.0.1 serving {@link SyntheticTools};
 * the endpoints are driven in-process. Run with {@code bench/tokens.sh}; prints Markdown.
 */
public final class TokenBudget {
  private static final String TOOL = "github_create_issue";

  private record Sizes(int tools, int domains) {}

  /** The text a model sees for each step, and what the model writes to call it. */
  private record Step(String label, String call, String answer) {}

  private record Measurement(
      Sizes sizes,
      String flatList,
      String flatInstructions,
      String discoveryList,
      String discoveryInstructions,
      List<Step> round,
      Step direct) {}

  private TokenBudget() {}

  public static void main(String[] args) throws Exception {
    List<Measurement> measurements = new ArrayList<>();
    for (Sizes sizes : List.of(new Sizes(50, 5), new Sizes(200, 10), new Sizes(1000, 20))) {
      measurements.add(measure(sizes));
    }
    var registry = Encodings.newDefaultEncodingRegistry();
    for (EncodingType type : List.of(EncodingType.O200K_BASE, EncodingType.CL100K_BASE)) {
      print(registry.getEncoding(type), type.getName(), measurements);
    }
    System.exit(0);
  }

  private static Measurement measure(Sizes sizes) throws Exception {
    Map<String, List<ObjectNode>> tools = SyntheticTools.of(sizes.tools(), sizes.domains());
    List<HttpTestServer> servers = new ArrayList<>();
    List<UpstreamConfig> upstreams = new ArrayList<>();
    try {
      for (Map.Entry<String, List<ObjectNode>> domain : tools.entrySet()) {
        TestServerBuilder builder = TestServer.builder().serverInfo(domain.getKey(), "1.0.0");
        for (ObjectNode tool : domain.getValue()) {
          String name = tool.path("name").asString();
          builder.tool(
              tool,
              (arguments, context) ->
                  Content.textResult(
                      "Done: "
                          + name
                          + " #4217 at https://example.test/"
                          + domain.getKey()
                          + "/4217"));
        }
        HttpTestServer server = HttpTestServer.start(builder.build());
        servers.add(server);
        upstreams.add(UpstreamConfig.http(domain.getKey(), TransportKind.HTTP, server.url()));
      }
      try (Gateway gateway =
          Gateway.builder()
              .upstreams(upstreams)
              .connector(c -> UpstreamConnections.open(c, UpstreamOptions.defaults()))
              .build()
              .start()) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (gateway.catalog().tools().size() < sizes.tools()) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("the upstreams did not list their tools in time");
          }
          Thread.sleep(50);
        }
        McpHandler flat = gateway.handler();
        McpHandler discovery =
            new GatewayHandler(
                gateway.registry(),
                EndpointSettings.defaults(),
                exchange -> View.all(),
                DiscoverySettings.of(EndpointMode.DISCOVERY));
        List<Step> round = new ArrayList<>();
        round.add(call(discovery, "discover_tools()", "discover_tools", Json.object()));
        round.add(
            call(
                discovery,
                "discover_tools(domain)",
                "discover_tools",
                Json.object().put("domain", "github")));
        round.add(
            call(
                discovery,
                "get_tool_schema(name)",
                "get_tool_schema",
                Json.object().put("name", TOOL)));
        ObjectNode execute = Json.object().put("name", TOOL);
        execute.set("arguments", arguments());
        round.add(call(discovery, "execute_tool(name, arguments)", "execute_tool", execute));
        Step direct = call(flat, "direct call", TOOL, arguments());
        return new Measurement(
            sizes,
            Json.text(send(flat, McpMethods.TOOLS_LIST, Json.object())),
            instructions(flat),
            Json.text(send(discovery, McpMethods.TOOLS_LIST, Json.object())),
            instructions(discovery),
            round,
            direct);
      }
    } finally {
      servers.forEach(HttpTestServer::close);
    }
  }

  private static ObjectNode arguments() {
    ObjectNode arguments = Json.object().put("issue_id", "new");
    arguments.put("title", "Login fails on Safari");
    return arguments;
  }

  private static Step call(McpHandler handler, String label, String tool, ObjectNode arguments) {
    ObjectNode params = Json.object().put("name", tool);
    params.set("arguments", arguments);
    JsonNode result = send(handler, McpMethods.TOOLS_CALL, params);
    StringBuilder seen = new StringBuilder();
    for (JsonNode block : result.path("content")) {
      seen.append(block.path("text").asString(""));
    }
    if (result.path("isError").asBoolean(false)) {
      throw new IllegalStateException(label + " failed: " + seen);
    }
    return new Step(label, Json.text(params), seen.toString());
  }

  private static String instructions(McpHandler handler) {
    try (GatewayClient client = GatewayClient.open(handler, ClientOptions.defaults())) {
      return client.instructions().orElse("");
    }
  }

  private static JsonNode send(McpHandler handler, String method, ObjectNode params) {
    try (GatewayClient client = GatewayClient.open(handler, ClientOptions.defaults())) {
      return client.request(method, params);
    }
  }

  private static void print(Encoding encoding, String name, List<Measurement> measurements) {
    System.out.println("### Encoding " + name);
    System.out.println();
    System.out.println(
        "| tools (domains) | flat: tools/list | flat: instructions | discovery: tools/list |"
            + " discovery: instructions | discover → schema → execute round |"
            + " flat total (connect + 1 call) | discovery total (connect + round) | saved |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Measurement m : measurements) {
      int flatList = encoding.countTokens(m.flatList());
      int flatInstructions = encoding.countTokens(m.flatInstructions());
      int discoveryList = encoding.countTokens(m.discoveryList());
      int discoveryInstructions = encoding.countTokens(m.discoveryInstructions());
      int round = m.round().stream().mapToInt(s -> tokens(encoding, s)).sum();
      int flatTotal = flatList + flatInstructions + tokens(encoding, m.direct());
      int discoveryTotal = discoveryList + discoveryInstructions + round;
      System.out.printf(
          "| %d (%d) | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %.1f%% |%n",
          m.sizes().tools(),
          m.sizes().domains(),
          flatList,
          flatInstructions,
          discoveryList,
          discoveryInstructions,
          round,
          flatTotal,
          discoveryTotal,
          100.0 * (flatTotal - discoveryTotal) / flatTotal);
    }
    System.out.println();
    System.out.println("The round, step by step (tokens the model writes + reads):");
    System.out.println();
    Map<String, List<String>> steps = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      for (Step step : m.round()) {
        steps
            .computeIfAbsent(step.label(), k -> new ArrayList<>())
            .add(
                String.format(
                    "%,d + %,d",
                    encoding.countTokens(step.call()), encoding.countTokens(step.answer())));
      }
    }
    StringBuilder header = new StringBuilder("| step |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Measurement m : measurements) {
      header.append(' ').append(m.sizes().tools()).append(" tools |");
      rule.append("---:|");
    }
    System.out.println(header);
    System.out.println(rule);
    steps.forEach((label, cells) ->
        System.out.println("| " + label + " | " + String.join(" | ", cells) + " |"));
    System.out.println();
  }

  private static int tokens(Encoding encoding, Step step) {
    return encoding.countTokens(step.call()) + encoding.countTokens(step.answer());
  }
}
