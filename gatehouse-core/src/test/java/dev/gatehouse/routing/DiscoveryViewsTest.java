package dev.gatehouse.routing;

import static dev.gatehouse.routing.DiscoveryModeTest.call;
import static dev.gatehouse.routing.DiscoveryModeTest.failure;
import static dev.gatehouse.routing.DiscoveryModeTest.names;
import static dev.gatehouse.routing.DiscoveryModeTest.structured;
import static dev.gatehouse.routing.DiscoveryModeTest.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.Gateway;
import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.policy.AllowDeny;
import dev.gatehouse.policy.EndpointView;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.upstream.UpstreamConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An endpoint whose view hides things (a policy that denies a tool, a group without a server) in
 * discovery mode: every meta-tool answers from what the view shows, and a hidden name is answered
 * exactly like a name that does not exist.
 */
class DiscoveryViewsTest {
  private final Map<String, FakeUpstream> upstreams = new ConcurrentHashMap<>();
  private Gateway gateway;

  @BeforeEach
  void start() {
    gateway =
        Gateway.builder()
            .upstreams(
                List.of(
                    UpstreamConfig.stdio("math", "unused", List.of()),
                    UpstreamConfig.stdio("text", "unused", List.of())))
            .connector(c -> upstreams.computeIfAbsent(c.name(), n -> new FakeUpstream(c)))
            .build()
            .start();
    answerTools(
        "math",
        tool("get-sum", "Returns the sum of two numbers", "a", "First number", "b", "Second"),
        tool("secret-multiply", "Multiplies two numbers in secret", "a", "A", "b", "B"));
    answerTools(
        "text",
        tool("echo", "Echoes back the input string", "message", "Message to echo"),
        tool("secret-shout", "Shouts a secret", "message", "The secret"));
    upstreams.values().forEach(u -> u.answer(McpMethods.TOOLS_CALL, (p, o) -> Json.object()));
    upstreams.get("math").ready();
    upstreams.get("text").ready();
    await().until(() -> gateway.catalog().tools().size() == 4);
  }

  @AfterEach
  void close() {
    gateway.close();
  }

  private void answerTools(String server, ObjectNode... tools) {
    upstreams
        .get(server)
        .answer(
            McpMethods.TOOLS_LIST,
            (p, o) -> {
              ObjectNode result = Json.object();
              for (ObjectNode tool : tools) {
                result.withArray("tools").add(tool);
              }
              return result;
            });
  }

  /** Policy denies every *secret* tool of math; the main endpoint sees both servers. */
  private GatewayHandler policyEndpoint() {
    EndpointView view =
        EndpointView.main(Map.of("math", AllowDeny.of(List.of(), List.of("*secret*"))));
    return new GatewayHandler(
        gateway.registry(),
        EndpointSettings.defaults(),
        e -> view,
        DiscoverySettings.of(EndpointMode.DISCOVERY));
  }

  /** A group of the text server only, denying *secret* tools. */
  private GatewayHandler groupEndpoint() {
    EndpointView view =
        new EndpointView(
            Map.of(), Optional.of(Set.of("text")), AllowDeny.of(List.of(), List.of("*secret*")));
    return new GatewayHandler(
        gateway.registry(),
        EndpointSettings.defaults(),
        e -> view,
        DiscoverySettings.of(EndpointMode.DISCOVERY));
  }

  /** The same answer with the asked-for name blanked out, so hidden and unknown compare equal. */
  private static String blanked(JsonNode answer, String name) {
    return Json.text(answer).replace(name, "NAME");
  }

  @Test
  void aHiddenToolIsAbsentFromEveryListingAndSearch() {
    GatewayHandler handler = policyEndpoint();

    JsonNode domains = structured(handler, "discover_tools", Json.object()).path("domains");
    JsonNode math = structured(handler, "discover_tools", Json.object().put("domain", "math"));
    JsonNode search =
        structured(handler, "search_tools", Json.object().put("query", "multiply secret"));
    JsonNode query =
        structured(handler, "discover_tools", Json.object().put("query", "secret-multiply"));
    JsonNode serverTools =
        structured(handler, "get_server_tools", Json.object().put("server", "math"));
    JsonNode signatures =
        call(handler, "discover_tools", Json.object().put("format", "signatures"));
    JsonNode servers = structured(handler, "list_servers", Json.object()).path("servers");
    String instructions =
        handler
            .handle(
                Request.of(IntNode.valueOf(1), McpMethods.INITIALIZE, Json.object()),
                new RecordingExchange("s1"))
            .result()
            .orElseThrow()
            .path("instructions")
            .asString();

    assertThat(domains.get(0).path("tools").asInt()).isEqualTo(1);
    assertThat(names(math.path("tools"), "name")).containsExactly("math_get-sum");
    assertThat(names(search.path("results"), "name")).doesNotContain("math_secret-multiply");
    assertThat(names(search.path("results"), "name")).contains("text_secret-shout");
    assertThat(names(query.path("tools"), "name")).doesNotContain("math_secret-multiply");
    assertThat(names(serverTools.path("tools"), "name")).containsExactly("math_get-sum");
    assertThat(serverTools.path("total_available").asInt()).isEqualTo(1);
    assertThat(Json.text(signatures)).doesNotContain("secret-multiply");
    assertThat(servers.get(0).path("tools").asInt()).isEqualTo(1);
    assertThat(instructions).contains("- math (1 tool)");
  }

  @Test
  void aHiddenToolAnswersExactlyLikeAnUnknownOneInEveryMetaTool() {
    GatewayHandler handler = policyEndpoint();
    String hidden = "math_secret-multiply";
    String unknown = "math_secret-mulpitly";

    for (String metaTool : List.of("get_tool_schema", "describe_tool", "execute_tool")) {
      JsonNode hiddenAnswer = failure(handler, metaTool, Json.object().put("name", hidden));
      JsonNode unknownAnswer = failure(handler, metaTool, Json.object().put("name", unknown));
      assertThat(hiddenAnswer.path("code").asString()).isEqualTo("tool_not_found");
      assertThat(blanked(hiddenAnswer, hidden))
          .as(metaTool)
          .isEqualTo(blanked(unknownAnswer, unknown));
      assertThat(Json.text(hiddenAnswer)).doesNotContain("secret-multiply\"]");
    }
    JsonNode split =
        failure(
            handler,
            "execute_tool",
            Json.object().put("server", "math").put("tool", "secret-multiply"));
    assertThat(split.path("code").asString()).isEqualTo("tool_not_found");
    assertThat(upstreams.get("math").calls).noneMatch(c -> c.method().equals("tools/call"));
  }

  @Test
  void aNearMissOfAHiddenToolIsNeverResolvedToIt() {
    GatewayHandler handler = policyEndpoint();

    JsonNode answer =
        failure(handler, "get_tool_schema", Json.object().put("name", "math_secret-multiplyy"));

    assertThat(Json.text(answer)).doesNotContain("math_secret-multiply\"");
  }

  @Test
  void aGroupEndpointSeesOnlyItsOwnServersAndTools() {
    GatewayHandler handler = groupEndpoint();

    JsonNode domains = structured(handler, "discover_tools", Json.object()).path("domains");
    JsonNode servers = structured(handler, "list_servers", Json.object()).path("servers");
    JsonNode outside = failure(handler, "discover_tools", Json.object().put("domain", "math"));
    JsonNode nowhere = failure(handler, "discover_tools", Json.object().put("domain", "mxth"));
    JsonNode serverTools =
        failure(handler, "get_server_tools", Json.object().put("server", "math"));
    JsonNode execute =
        failure(
            handler, "execute_tool", Json.object().put("server", "math").put("tool", "get-sum"));
    JsonNode search =
        structured(handler, "search_tools", Json.object().put("query", "sum of two numbers"));
    JsonNode refresh = structured(handler, "refresh_registry", Json.object());

    assertThat(names(domains, "name")).containsExactly("text");
    assertThat(domains.get(0).path("tools").asInt()).isEqualTo(1);
    assertThat(names(servers, "name")).containsExactly("text");
    assertThat(outside.path("code").asString()).isEqualTo("domain_not_found");
    assertThat(blanked(outside, "math")).isEqualTo(blanked(nowhere, "mxth"));
    assertThat(serverTools.path("code").asString()).isEqualTo("domain_not_found");
    assertThat(execute.path("code").asString()).isEqualTo("domain_not_found");
    assertThat(names(search.path("results"), "name")).doesNotContain("math_get-sum");
    assertThat(names(refresh.path("domains"), "name")).containsExactly("text");
    assertThat(
            failure(handler, "execute_tool", Json.object().put("name", "math_get-sum"))
                .path("code")
                .asString())
        .isEqualTo("tool_not_found");
  }
}
