package dev.gatehouse.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.protocol.StreamedResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

class LineWriterTest {

  @Test
  void aStreamedResultIsWrittenOnOneLineAndOneThatBreaksOffBecomesAnError() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LineWriter writer = new LineWriter(out);
    writer.start();

    writer.send(Response.result(IntNode.valueOf(1), streamed("{\"a\":\n[1,\n2]},\"id\":9}")));
    writer.send(Response.result(IntNode.valueOf(2), streamed("{\"a\":[1,")));
    writer.send(Response.result(IntNode.valueOf(3), Json.object().put("b", true)));
    writer.close(Duration.ofSeconds(5));

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(Json.parse(lines[0]).path("result")).isEqualTo(Json.parse("{\"a\":[1,2]}"));
    JsonNode broken = Json.parse(lines[1]);
    assertThat(broken.path("id").asInt()).isEqualTo(2);
    assertThat(broken.path("error").path("message").asString()).contains("ended inside its result");
    assertThat(Json.parse(lines[2]).path("result").path("b").asBoolean()).isTrue();
  }

  private static JsonNode streamed(String rest) {
    return StreamedResult.node(new ByteArrayInputStream(rest.getBytes(StandardCharsets.UTF_8)));
  }
}
