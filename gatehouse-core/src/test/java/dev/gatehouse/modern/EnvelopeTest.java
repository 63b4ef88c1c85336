package dev.gatehouse.modern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EnvelopeTest {

  @Test
  void aRequestClaimsTheRevisionByTheVersionKeyAlone() {
    assertThat(Envelope.isClaimedBy(request("{\"io.modelcontextprotocol/protocolVersion\":1}")))
        .isTrue();
    assertThat(Envelope.isClaimedBy(request("{\"progressToken\":1}"))).isFalse();
    assertThat(
            Envelope.isClaimedBy(Message.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}")))
        .isFalse();
  }

  @Test
  void readsTheWholeEnvelope() {
    Envelope envelope =
        Envelope.read(
            request(
                "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{\"sampling\":{}},"
                    + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\",\"version\":\"1\"},"
                    + "\"io.modelcontextprotocol/logLevel\":\"notice\"}"),
            ProtocolVersion.STATELESS_ERA);

    assertThat(envelope.clientCapabilities().has("sampling")).isTrue();
    assertThat(envelope.clientInfo().orElseThrow().path("name").asString()).isEqualTo("c");
    assertThat(envelope.logLevel()).contains("notice");
  }

  @Test
  void anUnservedVersionIsRefusedNamingTheServedOnes() {
    GatewayException e =
        refusal(
            "{\"io.modelcontextprotocol/protocolVersion\":\"1900-01-01\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}");

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PROTOCOL_VERSION);
    ObjectNode error = e.toError();
    assertThat(error.path("code").asInt()).isEqualTo(JsonRpcCodes.UNSUPPORTED_PROTOCOL_VERSION);
    assertThat(error.path("data").path("requested").asString()).isEqualTo("1900-01-01");
    assertThat(error.path("data").path("supported").get(0).asString()).isEqualTo("2026-07-28");
  }

  @Test
  void missingOrMalformedKeysAreInvalidParams() {
    for (String meta :
        List.of(
            "{\"io.modelcontextprotocol/protocolVersion\":7}",
            "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}",
            "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":[]}",
            "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/clientInfo\":\"me\"}",
            "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/logLevel\":\"loud\"}")) {
      assertThat(refusal(meta).code()).as(meta).isEqualTo(ErrorCode.INVALID_PARAMS);
    }
  }

  @Test
  void theEnvelopeCanBeWrittenAndStrippedLeavingOtherMetaAlone() {
    ObjectNode params = Json.object();
    params.putObject("_meta").put("progressToken", 3);

    new Envelope(
            "2026-07-28", Json.object(), java.util.Optional.empty(), java.util.Optional.of("info"))
        .writeTo(params);
    assertThat(params.path("_meta").path(MetaKeys.LOG_LEVEL).asString()).isEqualTo("info");

    MetaKeys.stripEnvelope(params);
    assertThat(params.path("_meta").propertyNames()).containsExactly("progressToken");
  }

  private static GatewayException refusal(String meta) {
    return catchThrowableOfType(
        GatewayException.class, () -> Envelope.read(request(meta), ProtocolVersion.STATELESS_ERA));
  }

  private static Request request(String meta) {
    return (Request)
        Message.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                + meta
                + "}}");
  }
}
