package dev.gatehouse.modern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Request;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpHeadersTest {

  @Test
  void valuesAreEncodedAsTheSpecificationsTableShows() {
    assertThat(McpHeaders.encode("us-west1")).isEqualTo("us-west1");
    assertThat(McpHeaders.encode("Hello, 世界")).isEqualTo("=?base64?SGVsbG8sIOS4lueVjA==?=");
    assertThat(McpHeaders.encode(" padded ")).isEqualTo("=?base64?IHBhZGRlZCA=?=");
    assertThat(McpHeaders.encode("line1\nline2")).isEqualTo("=?base64?bGluZTEKbGluZTI=?=");
    assertThat(McpHeaders.encode("=?base64?literal?="))
        .isEqualTo("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
  }

  @Test
  void encodedValuesDecodeBackAndSurroundingWhitespaceIsNotPartOfAValue() {
    for (String value : new String[] {"us-west1", "Hello, 世界", " padded ", "=?base64?literal?="}) {
      assertThat(McpHeaders.decode(McpHeaders.encode(value))).contains(value);
    }
    assertThat(McpHeaders.decode("  get_weather ")).contains("get_weather");
    assertThat(McpHeaders.decode("=?base64?***?=")).isEmpty();
    assertThat(McpHeaders.decode("caf\u00e9")).isEmpty();
  }

  @Test
  void matchingHeadersPass() {
    assertThatCode(() -> McpHeaders.check(call("get_weather"), headers("get_weather")))
        .doesNotThrowAnyException();
    assertThatCode(() ->
            McpHeaders.check(call("wetter-größe"), headers(McpHeaders.encode("wetter-größe"))))
        .doesNotThrowAnyException();
  }

  @Test
  void missingOrDifferingHeadersAreAHeaderMismatch() {
    Map<String, String> wrongName = headersMap("foo");
    Map<String, String> noName = headersMap("bar");
    noName.remove(McpHeaders.NAME);
    Map<String, String> noMethod = headersMap("bar");
    noMethod.remove(McpHeaders.METHOD);
    Map<String, String> noVersion = headersMap("bar");
    noVersion.remove(McpHeaders.PROTOCOL_VERSION);
    Map<String, String> otherVersion = headersMap("bar");
    otherVersion.put(McpHeaders.PROTOCOL_VERSION, "2025-11-25");

    for (Map<String, String> headers :
        new Map[] {wrongName, noName, noMethod, noVersion, otherVersion}) {
      GatewayException e =
          catchThrowableOfType(
              GatewayException.class,
              () -> McpHeaders.check(call("bar"), SpecVectorsTest.lookup(headers)));
      assertThat(e.code()).as(headers.toString()).isEqualTo(ErrorCode.HEADER_MISMATCH);
    }
  }

  private static java.util.function.Function<String, java.util.Optional<String>> headers(
      String name) {
    return SpecVectorsTest.lookup(headersMap(name));
  }

  private static Map<String, String> headersMap(String name) {
    Map<String, String> headers = new HashMap<>();
    headers.put(McpHeaders.PROTOCOL_VERSION, "2026-07-28");
    headers.put(McpHeaders.METHOD, "tools/call");
    headers.put(McpHeaders.NAME, name);
    return headers;
  }

  private static Request call(String name) {
    return (Request)
        Message.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                + name
                + "\",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");
  }
}
