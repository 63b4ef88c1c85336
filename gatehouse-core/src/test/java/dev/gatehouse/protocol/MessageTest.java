package dev.gatehouse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {

  @Test
  void classifiesRequestsNotificationsAndResponses() {
    assertThat(Message.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
        .isInstanceOf(Request.class);
    assertThat(Message.parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
        .isInstanceOf(Notification.class);
    assertThat(Message.parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}"))
        .isInstanceOf(Response.class);
    assertThat(
            Message.parse(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}"))
        .isInstanceOf(Response.class);
  }

  @Test
  void keepsEveryFieldItDoesNotKnow() {
    String text =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
            + "\"_meta\":{\"a\":[1,{\"b\":null}]},\"future\":true},\"extra\":\"kept\"}";
    Message message = Message.parse(text);
    assertThat(Json.text(message.json())).isEqualTo(text);
  }

  @Test
  void malformedJsonIsAParseError() {
    assertThatThrownBy(() -> Message.parse("{\"jsonrpc\":"))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PARSE_ERROR));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "42",
        "{\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}"
      })
  void invalidMessagesAreInvalidRequests(String text) {
    assertThatThrownBy(() -> Message.parse(text))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
  }

  @Test
  void errorsCarryTheStableCodeAndNoStackTrace() {
    GatewayException e =
        new GatewayException(ErrorCode.TOOL_NOT_FOUND, "Unknown tool: x", new RuntimeException());
    String wire = Json.text(Response.error(Json.parse("3"), e).json());
    assertThat(wire)
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Unknown tool:"
                + " x\",\"data\":{\"code\":\"tool_not_found\"}}}");
  }
}
