package dev.gatehouse.bench.jmh;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.IntNode;

/**
 * What the gateway does to the bytes of one proxied {@code tools/call} and its result: parse,
 * classify, rewrite the name (request) or the id (result), serialize.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ToolCallBenchmark {

  /** Characters in the echoed message (and so in the result). */
  @Param({"16", "102400"})
  public int payload;

  private byte[] request;
  private byte[] result;

  @Setup
  public void setUp() {
    String message = "x".repeat(payload);
    request =
        ("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"echo_echo\",\"arguments\":{\"message\":\""
                + message
                + "\"},\"_meta\":{\"trace\":\"abc\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    result =
        ("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""
                + message
                + "\"}],\"isError\":false}}")
            .getBytes(StandardCharsets.UTF_8);
  }

  /** Client request in, upstream request out: parse, route by name, rename, serialize. */
  @Benchmark
  public byte[] request() {
    Request parsed = (Request) Message.parse(request);
    String name = parsed.params().get("name").stringValue();
    parsed.params().put("name", name.substring(name.indexOf('_') + 1));
    return Json.bytes(parsed.json());
  }

  /** Upstream result in, client result out: parse, put the client's id back, serialize. */
  @Benchmark
  public byte[] result() {
    Response parsed = (Response) Message.parse(result);
    parsed.json().set("id", IntNode.valueOf(42));
    return Json.bytes(parsed.json());
  }
}
