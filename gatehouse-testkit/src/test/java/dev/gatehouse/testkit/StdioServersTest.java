package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The named test servers, the demo and the conformance fixture as real stdio child processes. */
class StdioServersTest {

  private static ObjectNode params(String json) {
    return (ObjectNode) Json.parse(json);
  }

  @Test
  void echoAnswersOverStdioAndExitsWhenItsInputEnds() throws Exception {
    try (StdioChild child = new StdioChild(TestServerMain.command("echo"))) {
      Response init = child.initialize();
      Response echo =
          child.call("tools/call", params("{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}"));
      child.closeInput();

      assertThat(init.result().orElseThrow().at("/serverInfo/name").asString()).isEqualTo("echo");
      assertThat(echo.result().orElseThrow().at("/content/0/text").asString()).isEqualTo("hi");
      assertThat(child.exitCode()).isZero();
    }
  }

  @Test
  void aCrashingToolKillsTheProcessWithoutAnAnswer() throws Exception {
    try (StdioChild child = new StdioChild(TestServerMain.command("faulty"))) {
      child.initialize();

      assertThatThrownBy(() -> child.call("tools/call", params("{\"name\":\"crash\"}")))
          .isInstanceOf(IOException.class);
      assertThat(child.exitCode()).isEqualTo(3);
    }
  }

  @Test
  void faultyToolsMisbehaveAsDescribed() throws Exception {
    try (StdioChild child = new StdioChild(TestServerMain.command("faulty"))) {
      child.initialize();

      Response fail = child.call("tools/call", params("{\"name\":\"fail\"}"));
      Response slow =
          child.call("tools/call", params("{\"name\":\"slow\",\"arguments\":{\"ms\":10}}"));
      Response added =
          child.call(
              "tools/call", params("{\"name\":\"add_tool\",\"arguments\":{\"name\":\"x\"}}"));
      Response list = child.call("tools/list", null);

      assertThat(fail.error().orElseThrow().get("message").asString())
          .isEqualTo("scripted failure");
      assertThat(slow.result().orElseThrow().at("/content/0/text").asString()).isEqualTo("done");
      assertThat(added.isError()).isFalse();
      List<String> names = new ArrayList<>();
      list.result().orElseThrow().get("tools").forEach(t -> names.add(t.get("name").asString()));
      assertThat(names).contains("crash", "hang", "slow", "fail", "stderr", "add_tool", "x");
    }
  }

  @Test
  void pagedListsTenToolsAPage() throws Exception {
    try (StdioChild child = new StdioChild(TestServerMain.command("paged"))) {
      child.initialize();

      Response first = child.call("tools/list", null);

      assertThat(first.result().orElseThrow().get("tools")).hasSize(10);
      assertThat(first.result().orElseThrow().has("nextCursor")).isTrue();
    }
  }

  @Test
  void theDemoServerRunsOverStdio() throws Exception {
    List<String> command = new ArrayList<>(TestServerMain.command("demo"));
    command.subList(command.size() - 2, command.size()).clear();
    command.add(DemoServerMain.class.getName());
    try (StdioChild child = new StdioChild(command)) {
      child.initialize();

      Response sum =
          child.call("tools/call", params("{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}"));

      assertThat(sum.result().orElseThrow().at("/content/0/text").asString()).isEqualTo("3");
    }
  }

  @Test
  void theConformanceServerRunsOverStdio() throws Exception {
    List<String> command = new ArrayList<>(TestServerMain.command("conformance"));
    command.subList(command.size() - 2, command.size()).clear();
    command.add(ConformanceServerMain.class.getName());
    command.add("--stdio");
    try (StdioChild child = new StdioChild(command)) {
      child.initialize();

      Response text = child.call("tools/call", params("{\"name\":\"test_simple_text\"}"));

      assertThat(text.result().orElseThrow().at("/content/0/text").asString())
          .isEqualTo("This is a simple text response for testing.");
    }
  }
}
