package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conformance fixture at the handler level, scenario by scenario, with what each scenario of
 * {@code @modelcontextprotocol/conformance} 0.1.16 checks.
 */
class ConformanceServerTest {
  private final ConformanceServer server = ConformanceServer.create();
  private final HandlerClient client = HandlerClient.withAllCapabilities(server);

  @AfterEach
  void close() {
    server.close();
  }

  private static ObjectNode params(String json) {
    return (ObjectNode) Json.parse(json);
  }

  @Test
  void serverInitializeDeclaresEveryCapabilityTheScenariosUse() {
    JsonNode result = client.initialize().result().orElseThrow();

    assertThat(result.get("protocolVersion").asString()).isEqualTo("2025-11-25");
    JsonNode caps = result.get("capabilities");
    assertThat(caps.has("tools")).isTrue();
    assertThat(caps.has("prompts")).isTrue();
    assertThat(caps.at("/resources/subscribe").asBoolean()).isTrue();
    assertThat(caps.has("logging")).isTrue();
    assertThat(caps.has("completions")).isTrue();
  }

  @Test
  void toolsListGivesEveryToolANameDescriptionAndSchema() {
    JsonNode tools = client.result("tools/list", null).get("tools");

    assertThat(tools)
        .allSatisfy(t -> {
          assertThat(t.get("name").asString()).isNotBlank();
          assertThat(t.get("description").asString()).isNotBlank();
          assertThat(t.get("inputSchema").isObject()).isTrue();
        });
    assertThat(tools)
        .extracting(t -> t.get("name").asString())
        .contains(
            "test_simple_text",
            "test_image_content",
            "test_audio_content",
            "test_embedded_resource",
            "test_multiple_content_types",
            "test_tool_with_logging",
            "test_tool_with_progress",
            "test_error_handling",
            "test_sampling",
            "test_elicitation",
            "test_elicitation_sep1034_defaults",
            "test_elicitation_sep1330_enums",
            "json_schema_2020_12_tool");
  }

  @Test
  void contentTools() {
    assertThat(client.callTool("test_simple_text", Map.of()).at("/content/0/text").asString())
        .isEqualTo("This is a simple text response for testing.");
    JsonNode image = client.callTool("test_image_content", Map.of()).at("/content/0");
    assertThat(image.get("type").asString()).isEqualTo("image");
    assertThat(image.get("mimeType").asString()).isEqualTo("image/png");
    byte[] png = Base64.getDecoder().decode(image.get("data").asString());
    assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    JsonNode audio = client.callTool("test_audio_content", Map.of()).at("/content/0");
    assertThat(audio.get("mimeType").asString()).isEqualTo("audio/wav");
    byte[] wav = Base64.getDecoder().decode(audio.get("data").asString());
    assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    JsonNode embedded = client.callTool("test_embedded_resource", Map.of()).at("/content/0");
    assertThat(embedded.at("/resource/uri").asString()).isEqualTo("test://embedded-resource");
    assertThat(embedded.at("/resource/text").asString())
        .isEqualTo("This is an embedded resource content.");
    JsonNode mixed = client.callTool("test_multiple_content_types", Map.of()).get("content");
    assertThat(mixed)
        .extracting(c -> c.get("type").asString())
        .containsExactly("text", "image", "resource");
  }

  @Test
  void errorToolAnswersAToolError() {
    JsonNode result = client.callTool("test_error_handling", Map.of());

    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asString())
        .isEqualTo("This tool intentionally returns an error for testing");
  }

  @Test
  void loggingToolSendsThreeInfoMessagesAfterSetLevelDebug() {
    client.initialize();
    client.result("logging/setLevel", params("{\"level\":\"debug\"}"));

    client.callTool("test_tool_with_logging", Map.of());

    assertThat(client.notifications)
        .extracting(Notification::method)
        .containsExactly("notifications/message", "notifications/message", "notifications/message");
    assertThat(client.notifications)
        .extracting(n -> n.params().get("data").asString())
        .containsExactly(
            "Tool execution started", "Tool processing data", "Tool execution completed");
  }

  @Test
  void progressToolReportsIncreasingProgressForTheRequestsToken() {
    client.result(
        "tools/call",
        params(
            "{\"name\":\"test_tool_with_progress\",\"arguments\":{},\"_meta\":{\"progressToken\":\"progress-test-1\"}}"));

    assertThat(client.notifications).hasSize(3);
    assertThat(client.notifications)
        .extracting(n -> n.params().get("progress").asDouble())
        .containsExactly(0.0, 50.0, 100.0);
    assertThat(client.notifications)
        .allSatisfy(n ->
            assertThat(n.params().get("progressToken").asString()).isEqualTo("progress-test-1"));
  }

  @Test
  void samplingToolAsksTheClientAndQuotesItsAnswer() {
    client.answers =
        (method, p) ->
            params(
                "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"This is a test response\"},\"model\":\"test-model\",\"stopReason\":\"endTurn\"}");

    JsonNode result =
        client.callTool("test_sampling", Map.of("prompt", "Test prompt for sampling"));

    Request sent = client.clientRequests.get(0);
    assertThat(sent.method()).isEqualTo("sampling/createMessage");
    assertThat(sent.params().at("/messages/0/content/text").asString())
        .isEqualTo("Test prompt for sampling");
    assertThat(sent.params().get("maxTokens").asInt()).isEqualTo(100);
    assertThat(result.at("/content/0/text").asString())
        .isEqualTo("LLM response: This is a test response");
  }

  @Test
  void samplingToolFailsForAClientWithoutSampling() {
    HandlerClient bare = new HandlerClient(server, Json.object());

    JsonNode result = bare.callTool("test_sampling", Map.of("prompt", "p"));

    assertThat(result.get("isError").asBoolean()).isTrue();
  }

  @Test
  void elicitationToolAsksForUsernameAndEmail() {
    client.answers =
        (method, p) ->
            params(
                "{\"action\":\"accept\",\"content\":{\"username\":\"testuser\",\"email\":\"test@example.com\"}}");

    JsonNode result =
        client.callTool("test_elicitation", Map.of("message", "Please provide your information"));

    ObjectNode sent = client.clientRequests.get(0).params();
    assertThat(sent.get("message").asString()).isEqualTo("Please provide your information");
    assertThat(sent.at("/requestedSchema/required"))
        .extracting(JsonNode::asString)
        .containsExactly("username", "email");
    assertThat(result.at("/content/0/text").asString())
        .startsWith("User response: action=accept")
        .contains("testuser");
  }

  @Test
  void sep1034ElicitationCarriesDefaultsForEveryPrimitiveType() {
    client.answers = (method, p) -> params("{\"action\":\"accept\",\"content\":{}}");

    client.callTool("test_elicitation_sep1034_defaults", Map.of());

    JsonNode props = client.clientRequests.get(0).params().at("/requestedSchema/properties");
    assertThat(props.at("/name/default").asString()).isEqualTo("John Doe");
    assertThat(props.at("/age/type").asString()).isEqualTo("integer");
    assertThat(props.at("/age/default").isIntegralNumber()).isTrue();
    assertThat(props.at("/age/default").asInt()).isEqualTo(30);
    assertThat(props.at("/score/type").asString()).isEqualTo("number");
    assertThat(props.at("/score/default").asDouble()).isEqualTo(95.5);
    assertThat(props.at("/status/default").asString()).isEqualTo("active");
    assertThat(props.at("/status/enum")).extracting(JsonNode::asString).contains("active");
    assertThat(props.at("/verified/default").asBoolean()).isTrue();
  }

  @Test
  void sep1330ElicitationCarriesAllFiveEnumShapes() {
    client.answers = (method, p) -> params("{\"action\":\"cancel\"}");

    client.callTool("test_elicitation_sep1330_enums", Map.of());

    JsonNode props = client.clientRequests.get(0).params().at("/requestedSchema/properties");
    assertThat(props.at("/untitledSingle/enum").isArray()).isTrue();
    assertThat(props.at("/untitledSingle").has("oneOf")).isFalse();
    assertThat(props.at("/titledSingle/oneOf/0/const").isString()).isTrue();
    assertThat(props.at("/titledSingle/oneOf/0/title").isString()).isTrue();
    assertThat(props.at("/titledSingle").has("enum")).isFalse();
    assertThat(props.at("/legacyEnum/enumNames").size())
        .isEqualTo(props.at("/legacyEnum/enum").size());
    assertThat(props.at("/untitledMulti/type").asString()).isEqualTo("array");
    assertThat(props.at("/untitledMulti/items/enum").isArray()).isTrue();
    assertThat(props.at("/titledMulti/items/anyOf/0/title").isString()).isTrue();
    assertThat(props.at("/titledMulti/items").has("enum")).isFalse();
  }

  @Test
  void jsonSchema202012KeywordsAreKept() {
    JsonNode tool = null;
    for (JsonNode t : client.result("tools/list", null).get("tools")) {
      if (t.get("name").asString().equals("json_schema_2020_12_tool")) {
        tool = t;
      }
    }

    assertThat(tool).isNotNull();
    JsonNode schema = tool.get("inputSchema");
    assertThat(schema.get("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.at("/$defs/address").isObject()).isTrue();
    assertThat(schema.get("additionalProperties").isBoolean()).isTrue();
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
  }

  @Test
  void resources() {
    JsonNode list = client.result("resources/list", null).get("resources");
    assertThat(list).allSatisfy(r -> assertThat(r.has("uri") && r.has("name")).isTrue());
    assertThat(list)
        .extracting(r -> r.get("uri").asString())
        .contains("test://static-text", "test://static-binary", "test://watched-resource");

    JsonNode text =
        client
            .result("resources/read", params("{\"uri\":\"test://static-text\"}"))
            .at("/contents/0");
    assertThat(text.get("mimeType").asString()).isEqualTo("text/plain");
    assertThat(text.get("text").asString())
        .isEqualTo("This is the content of the static text resource.");

    JsonNode binary =
        client
            .result("resources/read", params("{\"uri\":\"test://static-binary\"}"))
            .at("/contents/0");
    assertThat(binary.get("mimeType").asString()).isEqualTo("image/png");
    assertThat(binary.get("blob").asString()).isNotEmpty();

    JsonNode templated =
        client
            .result("resources/read", params("{\"uri\":\"test://template/123/data\"}"))
            .at("/contents/0");
    assertThat(templated.get("uri").asString()).isEqualTo("test://template/123/data");
    assertThat(Json.parse(templated.get("text").asString()))
        .isEqualTo(
            Json.parse("{\"id\":\"123\",\"templateTest\":true,\"data\":\"Data for ID: 123\"}"));
  }

  @Test
  void subscribeAndUnsubscribeAnswerEmptyObjects() {
    client.initialize();

    assertThat(
            client.result("resources/subscribe", params("{\"uri\":\"test://watched-resource\"}")))
        .isEqualTo(Json.object());
    assertThat(server.testServer().resourceUpdated("test://watched-resource")).isEqualTo(1);
    assertThat(
            client.result("resources/unsubscribe", params("{\"uri\":\"test://watched-resource\"}")))
        .isEqualTo(Json.object());
    assertThat(server.testServer().resourceUpdated("test://watched-resource")).isZero();
  }

  @Test
  void prompts() {
    JsonNode list = client.result("prompts/list", null).get("prompts");
    assertThat(list).allSatisfy(p -> assertThat(p.get("description").asString()).isNotBlank());

    JsonNode simple = client.result("prompts/get", params("{\"name\":\"test_simple_prompt\"}"));
    assertThat(simple.at("/messages/0/role").asString()).isEqualTo("user");
    assertThat(simple.at("/messages/0/content/text").asString())
        .isEqualTo("This is a simple prompt for testing.");

    JsonNode withArgs =
        client.result(
            "prompts/get",
            params(
                "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"hello\",\"arg2\":\"world\"}}"));
    assertThat(withArgs.at("/messages/0/content/text").asString())
        .isEqualTo("Prompt with arguments: arg1='hello', arg2='world'");

    JsonNode embedded =
        client.result(
            "prompts/get",
            params(
                "{\"name\":\"test_prompt_with_embedded_resource\",\"arguments\":{\"resourceUri\":\"test://example-resource\"}}"));
    assertThat(embedded.at("/messages/0/content/type").asString()).isEqualTo("resource");
    assertThat(embedded.at("/messages/0/content/resource/uri").asString())
        .isEqualTo("test://example-resource");

    JsonNode image = client.result("prompts/get", params("{\"name\":\"test_prompt_with_image\"}"));
    assertThat(image.at("/messages/0/content/type").asString()).isEqualTo("image");
    assertThat(image.at("/messages/0/content/mimeType").asString()).isEqualTo("image/png");
  }

  @Test
  void completionAnswersAValuesArray() {
    JsonNode result =
        client.result(
            "completion/complete",
            params(
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg1\",\"value\":\"par\"}}"));

    assertThat(result.at("/completion/values"))
        .extracting(JsonNode::asString)
        .containsExactly("paris", "park", "party");
  }

  @Test
  void pingAndSetLevelAnswerEmptyObjects() {
    assertThat(client.result("ping", null)).isEqualTo(Json.object());
    assertThat(client.result("logging/setLevel", params("{\"level\":\"info\"}")))
        .isEqualTo(Json.object());
  }
}
