package dev.gatehouse.upstream.internal;

import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.StreamedResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON answer to one POSTed request. A small answer is parsed whole. A large one (ADR 13)
 * has its envelope read up to the result, and the result itself is left on the connection as a
 * {@link StreamedResult}: whoever writes the response downstream copies its bytes through, and
 * whoever reads it parses it then.
 */
final class JsonAnswers {
  /** From this size on a result streams; below, a tree costs less than the bookkeeping. */
  static final int STREAM_FROM = 64 * 1024;

  private JsonAnswers() {}

  /**
   * The messages of a JSON body that answers request {@code requestId}.
   *
   * @param length the body's declared length, or -1 when it is chunked or runs until the close
   * @throws IOException when the connection breaks before the result starts
   */
  static List<Message> read(InputStream body, long length, long requestId) throws IOException {
    if (length >= 0 && length < STREAM_FROM) {
      return HttpChannel.parseMessages(body);
    }
    byte[] head;
    try {
      head = body.readNBytes(STREAM_FROM);
    } catch (IOException e) {
      HttpChannel.discard(body);
      throw e;
    }
    if (head.length < STREAM_FROM) {
      HttpChannel.discard(body);
      return HttpChannel.parseMessages(head);
    }
    return read(head, body, requestId);
  }

  /**
   * The messages of a large JSON text that may answer request {@code requestId}: {@code head} is
   * its first bytes (enough to hold the envelope up to the result), {@code rest} what follows.
   *
   * @throws IOException when {@code rest} breaks off while a message that is no streamed answer is
   *     parsed
   */
  static List<Message> read(byte[] head, InputStream rest, long requestId) throws IOException {
    int resultAt;
    JsonNode id;
    try {
      Envelope envelope = Envelope.scan(head);
      resultAt = envelope.resultAt();
      id = envelope.id() != null ? envelope.id() : LongNode.valueOf(requestId);
      if (!id.isIntegralNumber() || id.asLong() != requestId) {
        throw new IllegalArgumentException("the answer to another request");
      }
    } catch (IllegalArgumentException | GatewayException e) {
      // Not the one response this request expects (an error, a batch, another id): as before.
      return HttpChannel.parseMessages(
          new SequenceInputStream(new ByteArrayInputStream(head), rest));
    }
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.set("id", id);
    json.set(
        "result",
        StreamedResult.node(
            new SequenceInputStream(
                new ByteArrayInputStream(head, resultAt, head.length - resultAt), rest)));
    return List.of(Message.of(json));
  }

  /**
   * Where the result object starts in the first bytes of a response, and the id when it comes
   * before it. The Node SDK writes the result first; Jackson-based servers the id first.
   */
  record Envelope(int resultAt, JsonNode id) {
    /**
     * @throws IllegalArgumentException when the bytes do not start a response whose result is an
     *     object, or its start is not among them
     */
    static Envelope scan(byte[] bytes) {
      int i = skipSpace(bytes, 0);
      expect(bytes, i++, '{');
      JsonNode id = null;
      while (true) {
        i = skipSpace(bytes, i);
        expect(bytes, i, '"');
        int nameEnd = stringEnd(bytes, i);
        String name = new String(bytes, i + 1, nameEnd - i - 2, StandardCharsets.UTF_8);
        i = skipSpace(bytes, nameEnd);
        expect(bytes, i++, ':');
        i = skipSpace(bytes, i);
        if (name.equals("result")) {
          expect(bytes, i, '{');
          return new Envelope(i, id);
        }
        if (!name.equals("id") && !name.equals("jsonrpc")) {
          // "error", or a field no response has: parsed the usual way.
          throw new IllegalArgumentException("field " + name);
        }
        int valueEnd = valueEnd(bytes, i);
        if (name.equals("id")) {
          id = Json.parse(new String(bytes, i, valueEnd - i, StandardCharsets.UTF_8));
        }
        i = skipSpace(bytes, valueEnd);
        expect(bytes, i++, ',');
      }
    }

    /** The end of a string, number or literal: the values an id and a version may have. */
    private static int valueEnd(byte[] bytes, int from) {
      if (from >= bytes.length) {
        throw new IllegalArgumentException("truncated");
      }
      byte first = bytes[from];
      if (first == '"') {
        return stringEnd(bytes, from);
      }
      int i = from;
      while (i < bytes.length && ",}] \t\r\n".indexOf(bytes[i]) < 0) {
        i++;
      }
      return i;
    }

    /** The index just past the closing quote of the string that opens at {@code from}. */
    private static int stringEnd(byte[] bytes, int from) {
      for (int i = from + 1; i < bytes.length; i++) {
        if (bytes[i] == '\\') {
          i++;
        } else if (bytes[i] == '"') {
          return i + 1;
        }
      }
      throw new IllegalArgumentException("truncated");
    }

    private static int skipSpace(byte[] bytes, int from) {
      int i = from;
      while (i < bytes.length
          && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
        i++;
      }
      return i;
    }

    private static void expect(byte[] bytes, int at, char wanted) {
      if (at >= bytes.length || bytes[at] != wanted) {
        throw new IllegalArgumentException("expected " + wanted + " at " + at);
      }
    }
  }
}
