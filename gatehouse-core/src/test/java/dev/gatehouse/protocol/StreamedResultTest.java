package dev.gatehouse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.node.IntNode;

class StreamedResultTest {
  private static final String RESULT =
      "{\"content\":[{\"type\":\"text\",\"text\":\"a } ] \\\" {[ quoted\"}],\n  \"isError\":false}";

  @Test
  void theEndOfAnObjectIsFoundAcrossPiecesAndOutsideStrings() {
    byte[] bytes = (RESULT + ",\"id\":3}").getBytes(StandardCharsets.UTF_8);
    ValueEnd end = new ValueEnd();

    assertThat(end.scan(bytes, 0, 20)).isEqualTo(-1);
    assertThat(end.scan(bytes, 20, 40)).isEqualTo(-1);
    assertThat(end.scan(bytes, 40, bytes.length)).isEqualTo(RESULT.length());
  }

  @Test
  void lineBreaksBetweenTokensBecomeSpacesAndThoseInStringsStay() {
    byte[] bytes = "{\"a\":\r\n[1,\n2],\"b\":\"x\\ny\"}".getBytes(StandardCharsets.UTF_8);

    new ValueEnd().scan(bytes, 0, bytes.length);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":  [1, 2],\"b\":\"x\\ny\"}");
  }

  @Test
  void onlyAnObjectOrArrayIsScanned() {
    assertThatThrownBy(() -> new ValueEnd().scan(bytes("\"text\""), 0, 6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ValueEnd().scan(bytes(" }"), 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writtenToBytesTheResultIsCopiedAsItCameAndTheRestOfTheAnswerIsRead() {
    Source source = new Source(RESULT + ",\"jsonrpc\":\"2.0\",\"id\":3}  ");
    Response response = Response.result(IntNode.valueOf(9), StreamedResult.node(source));

    String written = new String(Json.bytes(response.json()), StandardCharsets.UTF_8);

    assertThat(written)
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":" + RESULT.replace('\n', ' ') + "}");
    assertThat(source.available()).isZero();
    assertThat(source.closed).isTrue();
  }

  @Test
  void readByCodeTheResultIsParsedOnceAndStaysATree() {
    Source source = new Source(RESULT + ",\"id\":3}");
    Response response = Response.result(IntNode.valueOf(9), StreamedResult.node(source));

    assertThat(response.result().orElseThrow().path("isError").asBoolean(true)).isFalse();
    assertThat(response.result().orElseThrow().path("content").size()).isEqualTo(1);
    assertThat(response.json().get("result")).isEqualTo(Json.parse(RESULT));
    assertThat(source.closed).isTrue();
  }

  @Test
  void aWriterGetsTheParsedTree() {
    Response response =
        Response.result(IntNode.valueOf(9), StreamedResult.node(new Source(RESULT + "}")));

    assertThat(Json.parse(Json.text(response.json())))
        .isEqualTo(Json.parse("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":" + RESULT + "}"));
  }

  @Test
  void aResultCannotBePassedOnTwice() {
    Response response =
        Response.result(IntNode.valueOf(9), StreamedResult.node(new Source(RESULT + "}")));
    Json.bytes(response.json());

    assertThatThrownBy(() -> response.result())
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
  }

  @Test
  void aResultNobodyWillWriteIsDiscardedAndItsConnectionClosed() {
    Source source = new Source(RESULT + "}");
    Response response = Response.result(IntNode.valueOf(9), StreamedResult.node(source));
    assertThat(StreamedResult.pending(response)).isTrue();

    StreamedResult.discard(response);

    assertThat(source.closed).isTrue();
    assertThat(StreamedResult.pending(response)).isFalse();
  }

  @Test
  void aBreakOffIsTheUpstreamsAndToldApartFromAClientGoneAway() {
    Response response =
        Response.result(
            IntNode.valueOf(1), StreamedResult.node(new Source(RESULT.substring(0, 9))));

    assertThatThrownBy(() -> Json.mapper().writeValue(new ByteArrayOutputStream(), response.json()))
        .isInstanceOf(JacksonIOException.class)
        .cause()
        .isInstanceOf(StreamedResult.BrokenOff.class);
  }

  @Test
  void anAnswerThatBreaksOffIsAnUpstreamErrorWhenReadAndAnIoErrorWhenWritten() {
    String cut = RESULT.substring(0, 30);
    Response read = Response.result(IntNode.valueOf(1), StreamedResult.node(new Source(cut)));
    Response written = Response.result(IntNode.valueOf(1), StreamedResult.node(new Source(cut)));

    assertThatThrownBy(() -> read.result())
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
              assertThat(e.getMessage()).contains("ended inside its result");
            });
    assertThatThrownBy(() -> Json.bytes(written.json()))
        .isInstanceOf(JacksonIOException.class)
        .hasMessageContaining("ended inside its result");
  }

  @Test
  void anAnswerThatIsNotAnObjectIsRefusedWhenWritten() throws IOException {
    Response response =
        Response.result(IntNode.valueOf(1), StreamedResult.node(new Source("\"text\",\"id\":1}")));

    assertThatThrownBy(() -> Json.mapper().writeValue(new ByteArrayOutputStream(), response.json()))
        .isInstanceOf(JacksonIOException.class)
        .hasMessageContaining("not a JSON object");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The rest of an upstream's answer, handed out in small pieces as a socket would. */
  private static final class Source extends InputStream {
    private final ByteArrayInputStream bytes;
    boolean closed;

    Source(String text) {
      this.bytes = new ByteArrayInputStream(StreamedResultTest.bytes(text));
    }

    @Override
    public int read() {
      return bytes.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return bytes.read(b, off, Math.min(len, 7));
    }

    @Override
    public int available() {
      return bytes.available();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
