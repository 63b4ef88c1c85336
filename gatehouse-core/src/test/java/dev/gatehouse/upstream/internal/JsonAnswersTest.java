package dev.gatehouse.upstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.POJONode;

class JsonAnswersTest {
  private static final String TEXT = "x".repeat(JsonAnswers.STREAM_FROM * 2);
  private static final String RESULT =
      "{\"content\":[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}]}";

  @Test
  void aSmallAnswerIsParsedWhole() throws IOException {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[]}}";

    Response response = only(JsonAnswers.read(stream(body), body.length(), 4));

    assertThat(response.json().get("result").isObject()).isTrue();
  }

  @Test
  void aSmallAnswerOfUnknownLengthIsParsedWhole() throws IOException {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[]}}";

    Response response = only(JsonAnswers.read(stream(body), -1, 4));

    assertThat(response.json().get("result").isObject()).isTrue();
  }

  @Test
  void aLargeResultStreamsWhetherItComesBeforeOrAfterTheId() throws IOException {
    for (String body :
        List.of(
            "{\"result\":" + RESULT + ",\"jsonrpc\":\"2.0\",\"id\":4}",
            "{\"jsonrpc\":\"2.0\",\n \"id\":4,\n \"result\":" + RESULT + "}")) {
      Response response = only(JsonAnswers.read(stream(body), -1, 4));

      assertThat(response.json().get("result")).isInstanceOf(POJONode.class);
      assertThat(response.id().asLong()).isEqualTo(4);
      assertThat(new String(Json.bytes(response.json()), StandardCharsets.UTF_8))
          .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":" + RESULT + "}");
    }
  }

  @Test
  void aLargeErrorOrAnAnswerToAnotherRequestIsParsedAsBefore() throws IOException {
    String error =
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-1,\"message\":\"" + TEXT + "\"}}";
    String other = "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":" + RESULT + "}";

    assertThat(only(JsonAnswers.read(stream(error), error.length(), 4)).isError()).isTrue();
    Response parsed = only(JsonAnswers.read(stream(other), other.length(), 4));
    assertThat(parsed.id().asLong()).isEqualTo(5);
    assertThat(parsed.json().get("result").isObject()).isTrue();
  }

  @Test
  void aLargeBodyThatIsNotJsonIsNoMessage() throws IOException {
    assertThat(JsonAnswers.read(stream("<html>" + TEXT), -1, 4)).isEmpty();
  }

  private static Response only(List<Message> messages) {
    assertThat(messages).hasSize(1);
    return (Response) messages.get(0);
  }

  private static ByteArrayInputStream stream(String body) {
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
  }
}
