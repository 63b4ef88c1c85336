package dev.gatehouse.upstream;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A small MCP server over stdio for tests, run as a child JVM. Its tools exercise the client side:
 * {@code echo}, {@code fail} (JSON-RPC error), {@code slow} (never answers), {@code cancellations}
 * (what was cancelled so far), {@code progress}, {@code sample} and {@code roots} (server-to-client
 * requests), {@code log}, {@code changed} (list_changed), {@code crash}, {@code pid}, {@code env}.
 *
 * <p>Flags: {@code --banner} prints a non-JSON line first; {@code --notify-before-init} sends a
 * notification before the initialize answer.
 */
public final class StdioTestServer {
  private static final PrintStream OUT =
      new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
  private static final Map<String, CompletableFuture<Response>> PENDING = new ConcurrentHashMap<>();
  private static final List<ObjectNode> CANCELLED = new ArrayList<>();
  private static final AtomicInteger SERVER_IDS = new AtomicInteger();

  private StdioTestServer() {}

  /** The command line that starts this server in a fresh JVM. */
  public static List<String> commandLine(String... flags) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StdioTestServer.class.getName());
    command.addAll(List.of(flags));
    return command;
  }

  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  public static void main(String[] args) throws Exception {
    List<String> flags = List.of(args);
    if (flags.contains("--banner")) {
      OUT.println("test server starting (not JSON)");
      OUT.flush();
    }
    System.err.println("stdio test server on stderr");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      Message message = Message.parse(line);
      switch (message) {
        case Request request -> onRequest(request, flags);
        case Response response -> {
          CompletableFuture<Response> waiting = PENDING.remove(response.id().asString());
          if (waiting != null) {
            waiting.complete(response);
          }
        }
        case Notification notification -> {
          if ("notifications/cancelled".equals(notification.method())) {
            synchronized (CANCELLED) {
              CANCELLED.add(notification.params());
            }
          }
        }
      }
    }
  }

  private static void onRequest(Request request, List<String> flags) {
    switch (request.method()) {
      case "initialize" -> {
        if (flags.contains("--notify-before-init")) {
          send(Notification.of("notifications/tools/list_changed", null).json());
        }
        ObjectNode result = Json.object();
        result.put("protocolVersion", request.params().get("protocolVersion").asString());
        result.putObject("capabilities").putObject("tools").put("listChanged", true);
        result.putObject("serverInfo").put("name", "test-stdio").put("version", "1.0");
        result.put("instructions", "use the echo tool");
        send(Response.result(request.id(), result).json());
      }
      case "ping" -> send(Response.result(request.id(), null).json());
      case "tools/call" -> Thread.ofVirtual().start(() -> callTool(request));
      default ->
          send(
              Response.error(request.id(), -32601, "Method not found: " + request.method()).json());
    }
  }

  private static void callTool(Request request) {
    String tool = request.params().get("name").asString();
    JsonNode arguments = request.params().path("arguments");
    ObjectNode result = Json.object();
    switch (tool) {
      case "echo" -> text(result, arguments.path("text").asString());
      case "fail" -> {
        send(Response.error(request.id(), -32602, "bad arguments").json());
        return;
      }
      case "slow" -> {
        return;
      }
      case "cancellations" -> {
        ArrayNode list = result.putArray("cancelled");
        synchronized (CANCELLED) {
          CANCELLED.forEach(list::add);
        }
      }
      case "progress" -> {
        JsonNode token = request.params().path("_meta").get("progressToken");
        for (int i = 1; i <= 2; i++) {
          ObjectNode params = Json.object();
          params.set("progressToken", token);
          params.put("progress", i);
          params.put("total", 2);
          send(Notification.of("notifications/progress", params).json());
        }
        result.set("seenToken", token);
      }
      case "sample" -> result.set("answer", ask("sampling/createMessage", samplingParams()));
      case "roots" -> result.set("answer", ask("roots/list", null));
      case "log" -> {
        ObjectNode params = Json.object();
        params.put("level", "info");
        params.put("data", "hello from the log");
        send(Notification.of("notifications/message", params).json());
        text(result, "logged");
      }
      case "changed" -> {
        send(Notification.of("notifications/tools/list_changed", null).json());
        text(result, "changed");
      }
      case "crash" -> {
        System.err.println("crashing on purpose");
        System.err.flush();
        Runtime.getRuntime().halt(3);
      }
      case "pid" -> result.put("pid", ProcessHandle.current().pid());
      case "env" -> {
        String value = System.getenv(arguments.path("name").asString());
        result.put("value", value == null ? "<unset>" : value);
      }
      default -> {
        send(Response.error(request.id(), -32602, "Unknown tool: " + tool).json());
        return;
      }
    }
    send(Response.result(request.id(), result).json());
  }

  private static ObjectNode samplingParams() {
    ObjectNode params = Json.object();
    ObjectNode message = params.putArray("messages").addObject();
    message.put("role", "user");
    message.putObject("content").put("type", "text").put("text", "what is 2+2?");
    params.put("maxTokens", 10);
    return params;
  }

  private static JsonNode ask(String method, ObjectNode params) {
    String id = "srv-" + SERVER_IDS.incrementAndGet();
    CompletableFuture<Response> answer = new CompletableFuture<>();
    PENDING.put(id, answer);
    send(Request.of(StringNode.valueOf(id), method, params).json());
    try {
      return answer.get(30, TimeUnit.SECONDS).json();
    } catch (Exception e) {
      return StringNode.valueOf("no answer: " + e);
    }
  }

  private static void text(ObjectNode result, String text) {
    result.putArray("content").addObject().put("type", "text").put("text", text);
  }

  private static void send(JsonNode message) {
    synchronized (OUT) {
      OUT.println(Json.text(message));
      OUT.flush();
    }
  }
}
