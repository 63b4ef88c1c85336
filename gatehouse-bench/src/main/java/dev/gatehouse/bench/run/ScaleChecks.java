package dev.gatehouse.bench.run;

import dev.gatehouse.bench.load.HttpConnection;
import dev.gatehouse.bench.load.McpSession;
import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The S2 scale checks, each against its own gateway process: startup to ready, memory per idle
 * session, a very large catalog listed, and a very large result passed through.
 */
final class ScaleChecks {
  private static final Duration LIMIT = Duration.ofSeconds(120);

  private final Launcher launcher;
  private final Plan plan;

  ScaleChecks(Launcher launcher, Plan plan) {
    this.launcher = launcher;
    this.plan = plan;
  }

  /** Everything measured; a check that failed leaves its figures at -1 and says why in notes. */
  record Results(
      long startupMillis,
      int idleSessions,
      double heapBytesPerIdleSession,
      double rssBytesPerIdleSession,
      int listUpstreams,
      int listToolsPerUpstream,
      long listReadyMillis,
      double listMillis,
      long listBytes,
      int bigResultBytes,
      int bigResultCalls,
      double bigAllocatedBytesPerCall,
      double bigMillis,
      long bigRssBefore,
      long bigRssAfter,
      long bigHeapAfterGc,
      List<String> notes) {}

  Results run(Upstream echo) throws InterruptedException {
    List<String> notes = new ArrayList<>();
    long startup = -1;
    double heapPerSession = -1;
    double rssPerSession = -1;
    double bigAlloc = -1;
    double bigMillis = -1;
    long rssBefore = -1;
    long rssAfter = -1;
    long heapAfter = -1;
    ObjectNode servers = Json.object();
    servers.putObject("echo").put("url", echo.url().toString()).put("transport", "http");
    try (ChildProcess gateway = launcher.gatewayProbe("scale-gateway", servers, 2)) {
      URI url = URI.create("http://127.0.0.1:" + line(gateway, "listening on") + "/mcp");
      startup = Long.parseLong(line(gateway, "ready"));
      System.err.println("bench: scale: idle sessions");
      long heap0 = ProbeStats.afterGc(gateway);
      long rss0 = ProcStats.of(gateway.pid()).rssBytes();
      openIdleSessions(url, plan.idleSessions());
      long heap1 = ProbeStats.afterGc(gateway);
      long rss1 = ProcStats.of(gateway.pid()).rssBytes();
      heapPerSession = (heap1 - heap0) / (double) plan.idleSessions();
      rssPerSession = (rss1 - rss0) / (double) plan.idleSessions();

      System.err.println("bench: scale: large results");
      McpSession session = McpSession.open(url);
      ObjectNode args = Json.object();
      args.put("name", "echo_blob");
      args.putObject("arguments").put("bytes", plan.bigResultBytes());
      session.call("tools/call", args); // warm-up, and proof that it passes
      ProbeStats.afterGc(gateway);
      rssBefore = ProcStats.of(gateway.pid()).rssBytes();
      ProbeStats before = ProbeStats.of(gateway);
      long[] millis = new long[plan.bigResultCalls()];
      for (int i = 0; i < millis.length; i++) {
        long t0 = System.nanoTime();
        long size = session.call("tools/call", args).toString().length();
        millis[i] = (System.nanoTime() - t0) / 1_000_000;
        if (size < plan.bigResultBytes()) {
          notes.add("a large result came back short: " + size + " characters");
        }
      }
      ProbeStats after = ProbeStats.of(gateway);
      rssAfter = ProcStats.of(gateway.pid()).rssBytes();
      heapAfter = ProbeStats.afterGc(gateway);
      bigAlloc = (after.allocatedBytes() - before.allocatedBytes()) / (double) millis.length;
      bigMillis = median(millis);
    } catch (IOException | RuntimeException e) {
      notes.add("startup, idle session or large result check failed: " + e);
    }

    long listReady = -1;
    double listMillis = -1;
    long listBytes = -1;
    System.err.println("bench: scale: large catalog");
    ObjectNode many = Json.object();
    URI base = echo.url().resolve("/");
    for (int i = 0; i < plan.scaleUpstreams(); i++) {
      many.putObject("s" + i)
          .put("url", base.resolve("/mcp/g/s" + i + "-" + plan.scaleToolsPerUpstream()).toString())
          .put("transport", "http");
    }
    int tools = plan.scaleUpstreams() * plan.scaleToolsPerUpstream();
    try (ChildProcess gateway = launcher.gatewayProbe("scale-catalog", many, tools)) {
      URI url = URI.create("http://127.0.0.1:" + line(gateway, "listening on") + "/mcp");
      listReady = Long.parseLong(line(gateway, "ready"));
      McpSession session = McpSession.open(url);
      long[] millis = new long[5];
      try (HttpConnection connection = new HttpConnection(url)) {
        byte[] body =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"
                .getBytes(StandardCharsets.US_ASCII);
        connection.post(session.headers(), body);
        for (int i = 0; i < millis.length; i++) {
          long t0 = System.nanoTime();
          HttpConnection.Reply reply = connection.post(session.headers(), body);
          millis[i] = (System.nanoTime() - t0) / 1_000_000;
          listBytes = reply.body().length;
        }
      }
      listMillis = median(millis);
    } catch (IOException | RuntimeException e) {
      notes.add("large catalog check failed: " + e);
    }
    return new Results(
        startup,
        plan.idleSessions(),
        heapPerSession,
        rssPerSession,
        plan.scaleUpstreams(),
        plan.scaleToolsPerUpstream(),
        listReady,
        listMillis,
        listBytes,
        plan.bigResultBytes(),
        plan.bigResultCalls(),
        bigAlloc,
        bigMillis,
        rssBefore,
        rssAfter,
        heapAfter,
        notes);
  }

  /** Opens sessions one after the other on one connection and leaves them idle. */
  private static void openIdleSessions(URI url, int count) throws IOException {
    byte[] initialize =
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"idle\","
                + "\"version\":\"1\"}}}")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] initialized =
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
            .getBytes(StandardCharsets.US_ASCII);
    try (HttpConnection connection = new HttpConnection(url)) {
      for (int i = 0; i < count; i++) {
        HttpConnection.Reply reply = connection.post(new byte[0], initialize);
        String id = reply.headers().get("mcp-session-id");
        if (reply.status() != 200 || id == null) {
          throw new IOException("initialize number " + i + " failed: HTTP " + reply.status());
        }
        byte[] headers =
            ("MCP-Protocol-Version: 2025-06-18\r\nMcp-Session-Id: " + id + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        connection.post(headers, initialized);
      }
    }
  }

  private static String line(ChildProcess process, String prefix) throws InterruptedException {
    return process
        .awaitLine(prefix, LIMIT)
        .orElseThrow(() -> new IllegalStateException(process.name() + " gave no " + prefix));
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}
