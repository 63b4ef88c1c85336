package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The test servers {@link TestServerMain} can run by name, for tests that need a real child process
 * or a separate HTTP server.
 *
 * <ul>
 *   <li>{@code echo}: one tool, {@code echo(text)}.
 *   <li>{@code paged}: 25 tools {@code tool_00} .. {@code tool_24}, listed 10 per page.
 *   <li>{@code faulty}: tools that misbehave on purpose: {@code crash} (the process dies without
 *       answering), {@code hang} (never answers until cancelled), {@code slow(ms)}, {@code fail} (a
 *       JSON-RPC error), {@code stderr(text)} (writes a line to stderr, then answers) and {@code
 *       add_tool(name)} (adds a tool, so the tool list changes).
 *   <li>{@code demo}: the {@link DemoServer}.
 *   <li>{@code conformance}: the {@link ConformanceServer}.
 * </ul>
 */
public final class ScriptedServers {
  private static final Map<String, Supplier<McpHandler>> SERVERS = new TreeMap<>();

  static {
    SERVERS.put("echo", ScriptedServers::echo);
    SERVERS.put("paged", ScriptedServers::paged);
    SERVERS.put("faulty", ScriptedServers::faulty);
    SERVERS.put("demo", DemoServer::create);
    SERVERS.put("conformance", ConformanceServer::create);
  }

  private ScriptedServers() {}

  /** A new server of that name. */
  public static Optional<McpHandler> create(String name) {
    return Optional.ofNullable(SERVERS.get(name)).map(Supplier::get);
  }

  public static Set<String> names() {
    return SERVERS.keySet();
  }

  static TestServer echo() {
    return TestServer.builder()
        .serverInfo("echo", "1.0.0")
        .tool(
            "echo",
            "Returns its text",
            Schema.requiredStrings("text"),
            (args, ctx) -> Content.textResult(Json.string(args, "text").orElse("")))
        .build();
  }

  static TestServer paged() {
    TestServerBuilder b = TestServer.builder().serverInfo("paged", "1.0.0").pageSize(10);
    for (int i = 0; i < 25; i++) {
      String name = String.format("tool_%02d", i);
      b.tool(name, "Tool number " + i, Schema.empty(), (args, ctx) -> Content.textResult(name));
    }
    return b.build();
  }

  static TestServer faulty() {
    TestServerBuilder b =
        TestServer.builder()
            .serverInfo("faulty", "1.0.0")
            .fault(FaultRule.always("tools/call", "crash", Fault.dropConnection()))
            .fault(FaultRule.always("tools/call", "hang", Fault.neverAnswer()))
            .fault(
                FaultRule.always(
                    "tools/call",
                    "fail",
                    Fault.error(JsonRpcCodes.INTERNAL_ERROR, "scripted failure")));
    b.tool("crash", "Kills the server without answering", Schema.empty(), ScriptedServers::never);
    b.tool("hang", "Never answers until cancelled", Schema.empty(), ScriptedServers::never);
    b.tool("fail", "Answers with a JSON-RPC error", Schema.empty(), ScriptedServers::never);
    ObjectNode slow = Schema.empty();
    Schema.property(slow, "ms", "integer").put("description", "How long to wait");
    b.tool(
        "slow",
        "Answers after ms milliseconds",
        slow,
        (args, ctx) -> {
          boolean finished = ctx.sleep(Duration.ofMillis(args.path("ms").asLong(1000)));
          return Content.textResult(finished ? "done" : "cancelled");
        });
    b.tool(
        "stderr",
        "Writes its text to stderr, then answers",
        Schema.requiredStrings("text"),
        (args, ctx) -> {
          System.err.println(Json.string(args, "text").orElse(""));
          return Content.textResult("written");
        });
    TestServer server = b.build();
    server.addTool(
        addToolDescriptor(),
        (args, ctx) -> {
          String name = Json.string(args, "name").orElse("added");
          server.addTool(descriptor(name, "Added at run time"), (a, c) -> Content.textResult(name));
          return Content.textResult("added " + name);
        });
    return server;
  }

  private static ObjectNode never(ObjectNode args, RequestContext ctx) {
    throw new IllegalStateException("a fault answers this tool");
  }

  private static ObjectNode addToolDescriptor() {
    ObjectNode descriptor = descriptor("add_tool", "Adds a tool, so the tool list changes");
    descriptor.set("inputSchema", Schema.requiredStrings("name"));
    return descriptor;
  }

  private static ObjectNode descriptor(String name, String description) {
    ObjectNode descriptor = Json.object();
    descriptor.put("name", name);
    descriptor.put("description", description);
    descriptor.set("inputSchema", Schema.empty());
    return descriptor;
  }
}
