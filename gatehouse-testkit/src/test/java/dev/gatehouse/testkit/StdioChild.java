package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/** A stdio MCP server started as a child process, spoken to line by line. Always close it. */
final class StdioChild implements AutoCloseable {
  private final Process process;
  private final OutputStream in;
  private final BufferedReader out;
  private final AtomicInteger ids = new AtomicInteger();

  StdioChild(List<String> command) throws IOException {
    process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    in = process.getOutputStream();
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  Response initialize() throws IOException {
    ObjectNode params = Json.object();
    params.put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "stdio-test").put("version", "1");
    Response response = call("initialize", params);
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return response;
  }

  /** Sends a request and returns its response, skipping notifications that come first. */
  Response call(String method, ObjectNode params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.set("id", IntNode.valueOf(id));
    json.put("method", method);
    if (params != null) {
      json.set("params", params);
    }
    send(Json.text(json));
    while (true) {
      String line = out.readLine();
      if (line == null) {
        throw new IOException("the server closed its output");
      }
      if (Message.parse(line) instanceof Response response && response.id().asInt() == id) {
        return response;
      }
    }
  }

  void send(String line) throws IOException {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Waits for the process to exit and returns its exit code. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the child process did not exit");
    }
    return process.exitValue();
  }

  /** Closes stdin, as a client that is done does; the server should exit by itself. */
  void closeInput() throws IOException {
    in.close();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
