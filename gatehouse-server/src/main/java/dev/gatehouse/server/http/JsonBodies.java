package dev.gatehouse.server.http;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * Writes a message's JSON straight into a response stream, so that a large result is never held as
 * one more byte array the size of the body (and its growing copies). Neither closes nor flushes the
 * stream: the caller frames and flushes.
 */
final class JsonBodies {
  private static final ObjectWriter WRITER =
      Json.mapper()
          .writer()
          .without(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .without(StreamWriteFeature.FLUSH_PASSED_TO_STREAM);

  private JsonBodies() {}

  /**
   * @throws IOException when the client is gone, as a plain write would
   */
  static void write(OutputStream out, JsonNode json) throws IOException {
    try {
      WRITER.writeValue(out, json);
    } catch (JacksonIOException e) {
      throw e.getCause();
    }
  }
}
