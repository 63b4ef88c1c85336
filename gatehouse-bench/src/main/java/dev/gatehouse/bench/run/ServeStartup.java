package dev.gatehouse.bench.run;

import dev.gatehouse.bench.load.HttpConnection;
import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Startup of {@code gatehouse serve} as a user runs it: the {@code ./gatehouse} launcher of this
 * checkout, a home of its own, one upstream. The first start lists the upstream live and keeps its
 * catalog in the home's store (and leaves the launcher's class-data archive, when there is none);
 * the later ones are timed from spawning the launcher to the first {@code tools/list} answered with
 * the kept catalog. Each start is stopped with time to write the archive.
 */
final class ServeStartup {
  private static final Duration LIMIT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);
  private static final byte[] INITIALIZE =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"startup\","
              + "\"version\":\"1\"}}}")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"
          .getBytes(StandardCharsets.US_ASCII);

  /**
   * @param firstMillis the first start: no kept catalog, the upstream listed live
   * @param keptMillis the later starts, from the kept catalog
   */
  record Result(long firstMillis, long[] keptMillis) {
    long medianKeptMillis() {
      long[] sorted = keptMillis.clone();
      Arrays.sort(sorted);
      return sorted.length == 0 ? -1 : sorted[sorted.length / 2];
    }
  }

  private ServeStartup() {}

  static Result measure(BenchEnv env, Upstream echo, int keptRuns)
      throws IOException, InterruptedException {
    Path launcher = env.peers().toAbsolutePath().getParent().resolve("gatehouse");
    Path home = Files.createDirectories(env.work().resolve("serve-home"));
    int port = BenchEnv.freePort();
    ObjectNode config = Json.object();
    config.put("host", "127.0.0.1");
    config.put("port", port);
    config
        .putObject("mcpServers")
        .putObject("echo")
        .put("url", echo.url().toString())
        .put("transport", "http");
    Path file = home.resolve("gatehouse.json");
    Files.writeString(file, Json.text(config));
    URI url = URI.create("http://127.0.0.1:" + port + "/mcp");
    long first = once(env, launcher, home, file, url);
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < keptRuns; i++) {
      kept.add(once(env, launcher, home, file, url));
    }
    return new Result(first, kept.stream().mapToLong(Long::longValue).toArray());
  }

  private static long once(BenchEnv env, Path launcher, Path home, Path config, URI url)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve");
    builder.environment().put("GATEHOUSE_HOME", home.toString());
    builder.environment().put("GATEHOUSE_CONFIG", config.toString());
    builder.environment().put("GATEHOUSE_LOG_LEVEL", "WARN");
    builder.directory(home.toFile());
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(env.log("serve").toFile()));
    builder.redirectError(ProcessBuilder.Redirect.appendTo(env.log("serve").toFile()));
    long start = System.nanoTime();
    Process process = builder.start();
    Runs.register(process);
    try {
      long deadline = start + LIMIT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("gatehouse serve exited with " + process.exitValue());
        }
        if (listsTools(url)) {
          return (System.nanoTime() - start) / 1_000_000;
        }
        Thread.sleep(5);
      }
      throw new IOException("gatehouse serve listed no tools within " + LIMIT.toSeconds() + " s");
    } finally {
      Runs.stop(process, STOP_GRACE);
    }
  }

  /** Whether the endpoint answers and its tools/list holds the upstream's tools. */
  private static boolean listsTools(URI url) {
    try (HttpConnection connection = new HttpConnection(url)) {
      HttpConnection.Reply init = connection.post(new byte[0], INITIALIZE);
      String session = init.headers().get("mcp-session-id");
      if (init.status() != 200 || session == null) {
        return false;
      }
      byte[] headers =
          ("MCP-Protocol-Version: 2025-06-18\r\nMcp-Session-Id: " + session + "\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      HttpConnection.Reply list = connection.post(headers, LIST);
      JsonNode tools = Json.parse(list.body()).path("result").path("tools");
      return list.status() == 200 && tools.size() > 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
