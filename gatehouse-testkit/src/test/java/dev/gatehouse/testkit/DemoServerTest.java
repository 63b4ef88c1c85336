package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.protocol.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DemoServerTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  private final HandlerClient client = HandlerClient.withAllCapabilities(DemoServer.create(clock));

  @Test
  void offersFourToolsAPromptAndTwoResources() {
    client.initialize();

    assertThat(client.result("tools/list", null).get("tools"))
        .extracting(t -> t.get("name").asString())
        .containsExactly("echo", "add", "current_time", "random_number");
    assertThat(client.result("prompts/list", null).get("prompts")).hasSize(1);
    assertThat(client.result("resources/list", null).get("resources"))
        .extracting(r -> r.get("uri").asString())
        .containsExactly("demo://readme", "demo://config");
  }

  @Test
  void toolsDoWhatTheySay() {
    assertThat(text(client.callTool("echo", Map.of("message", "hello")))).isEqualTo("hello");
    JsonNode sum = client.callTool("add", Map.of("a", 2, "b", 40));
    assertThat(text(sum)).isEqualTo("42");
    assertThat(sum.at("/structuredContent/sum").isIntegralNumber()).isTrue();
    assertThat(sum.at("/structuredContent/sum").asLong()).isEqualTo(42);
    assertThat(text(client.callTool("add", Map.of("a", 0.5, "b", 0.25)))).isEqualTo("0.75");
    assertThat(text(client.callTool("current_time", Map.of()))).isEqualTo("2026-01-02T03:04:05Z Z");
    assertThat(text(client.callTool("current_time", Map.of("timezone", "Europe/Paris"))))
        .isEqualTo("2026-01-02T04:04:05+01:00 Europe/Paris");
    long drawn = Long.parseLong(text(client.callTool("random_number", Map.of("min", 3, "max", 3))));
    assertThat(drawn).isEqualTo(3);
  }

  @Test
  void badArgumentsAreToolErrors() {
    assertThat(client.callTool("add", Map.of("a", "x", "b", 1)).get("isError").asBoolean())
        .isTrue();
    assertThat(
            client
                .callTool("current_time", Map.of("timezone", "Mars/Base"))
                .get("isError")
                .asBoolean())
        .isTrue();
    assertThat(
            client.callTool("random_number", Map.of("min", 5, "max", 1)).get("isError").asBoolean())
        .isTrue();
  }

  @Test
  void promptAndResourcesRender() {
    ObjectNode args =
        (ObjectNode) Json.parse("{\"name\":\"greeting\",\"arguments\":{\"name\":\"Ada\"}}");
    assertThat(client.result("prompts/get", args).at("/messages/0/content/text").asString())
        .contains("Ada");
    ObjectNode read = (ObjectNode) Json.parse("{\"uri\":\"demo://config\"}");
    JsonNode config =
        Json.parse(client.result("resources/read", read).at("/contents/0/text").asString());
    assertThat(config.get("transport").asString()).isEqualTo("stdio");
  }

  private static String text(JsonNode result) {
    return result.at("/content/0/text").asString();
  }
}
