package dev.gatehouse.bench.run;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Starts the upstreams and every target on 127.0.0.1 and waits until each one answers. */
final class Launcher {
  static final int LIST_UPSTREAMS = 20;
  static final int LIST_TOOLS_PER_UPSTREAM = 50;
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private final BenchEnv env;
  private final String commit;

  Launcher(BenchEnv env, String commit) {
    this.env = env;
    this.commit = commit;
  }

  Upstream echo() throws IOException, InterruptedException {
    ChildProcess process =
        ChildProcess.start(
            "upstream-echo",
            env.javaCommand("dev.gatehouse.bench.upstream.EchoUpstreamMain", "0"),
            Map.of(),
            env.work(),
            env.log("upstream-echo"));
    int port = Integer.parseInt(required(process, "listening on"));
    URI base = URI.create("http://127.0.0.1:" + port);
    List<URI> groups = new ArrayList<>();
    for (int i = 0; i < LIST_UPSTREAMS; i++) {
      groups.add(base.resolve("/mcp/g/u" + i + "-" + LIST_TOOLS_PER_UPSTREAM));
    }
    URI all = base.resolve("/mcp/g/all-" + LIST_UPSTREAMS * LIST_TOOLS_PER_UPSTREAM);
    return new Upstream(
        "echo",
        "gatehouse-bench " + commit,
        base.resolve("/mcp"),
        Optional.of(all),
        groups,
        process);
  }

  Upstream everything() throws IOException, InterruptedException {
    int port = BenchEnv.freePort();
    Path pkg = env.nodePackage("@modelcontextprotocol/server-everything");
    ChildProcess process =
        node(
            "upstream-everything",
            List.of(pkg.resolve("dist/index.js").toString(), "streamableHttp"),
            Map.of("PORT", Integer.toString(port)),
            port);
    return new Upstream(
        "everything",
        "server-everything " + version(pkg),
        URI.create("http://127.0.0.1:" + port + "/mcp"),
        Optional.empty(),
        List.of(),
        process);
  }

  Target direct(Upstream upstream) {
    return new Target(
        "direct",
        upstream.version(),
        upstream.url(),
        upstream.listUrl(),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  /** One nginx serving one port per upstream; the targets share its process. */
  List<Target> nginx(List<Upstream> upstreams) throws IOException, InterruptedException {
    Path nginx = env.nginx().orElseThrow();
    Path prefix = Files.createDirectories(env.work().resolve("nginx"));
    Files.createDirectories(prefix.resolve("logs"));
    StringBuilder servers = new StringBuilder();
    List<Integer> ports = new ArrayList<>();
    for (Upstream upstream : upstreams) {
      int port = BenchEnv.freePort();
      ports.add(port);
      servers.append(NginxConfig.server(upstream.name(), upstream.url().getPort(), port));
    }
    Path conf = prefix.resolve("nginx.conf");
    Files.writeString(conf, NginxConfig.main(prefix, servers.toString()));
    ChildProcess process =
        ChildProcess.start(
            "nginx",
            List.of(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString()),
            Map.of(),
            env.work(),
            env.log("nginx"));
    for (int port : ports) {
      awaitPort(process, port);
    }
    String version = "nginx " + NginxConfig.version(nginx);
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < upstreams.size(); i++) {
      Upstream upstream = upstreams.get(i);
      URI base = URI.create("http://127.0.0.1:" + ports.get(i));
      targets.add(
          new Target(
              "nginx",
              version,
              base.resolve(upstream.url().getPath()),
              upstream.listUrl().map(u -> base.resolve(u.getPath())),
              Optional.of(process),
              Optional.of(process),
              false));
    }
    return targets;
  }

  Target gatehouse(Upstream upstream) throws IOException, InterruptedException {
    ObjectNode servers = Json.object();
    servers
        .putObject(upstream.name())
        .put("url", upstream.url().toString())
        .put("transport", "http");
    for (int i = 0; i < upstream.groupUrls().size(); i++) {
      servers
          .putObject("u" + i)
          .put("url", upstream.groupUrls().get(i).toString())
          .put("transport", "http");
    }
    int expectedTools = 1 + upstream.groupUrls().size() * LIST_TOOLS_PER_UPSTREAM;
    ChildProcess process = gatewayProbe("gatehouse-" + upstream.name(), servers, expectedTools);
    URI url = URI.create("http://127.0.0.1:" + required(process, "listening on") + "/mcp");
    required(process, "ready");
    return new Target(
        "gatehouse",
        "gatehouse " + commit,
        url,
        upstream.groupUrls().isEmpty() ? Optional.empty() : Optional.of(url),
        Optional.of(process),
        Optional.of(process),
        true);
  }

  /** Starts a gateway probe JVM for these servers; callers read its "listening on" line. */
  ChildProcess gatewayProbe(String name, ObjectNode servers, int expectedTools) throws IOException {
    ObjectNode config = Json.object();
    config.put("host", "127.0.0.1");
    config.put("port", 0);
    config.set("mcpServers", servers);
    Path file = env.work().resolve(name + ".json");
    Files.writeString(file, Json.text(config));
    return ChildProcess.start(
        name,
        env.javaCommand(
            "dev.gatehouse.bench.probe.GatewayProbeMain",
            file.toString(),
            Integer.toString(expectedTools)),
        Map.of("GATEHOUSE_LOG_LEVEL", "WARN"),
        env.work(),
        env.log(name));
  }

  /** {@code @civic/passthrough-mcp-server}: one instance per upstream endpoint it fronts. */
  Target civic(Upstream upstream) throws IOException, InterruptedException {
    Path pkg = env.nodePackage("@civic/passthrough-mcp-server");
    ChildProcess calls = civicFor("civic-" + upstream.name(), pkg, upstream.url());
    Optional<ChildProcess> lists = Optional.empty();
    if (upstream.listUrl().isPresent()) {
      lists = Optional.of(civicFor("civic-list-" + upstream.name(), pkg, upstream.listUrl().get()));
    }
    return new Target(
        "civic-passthrough",
        "@civic/passthrough-mcp-server " + version(pkg),
        URI.create("http://127.0.0.1:" + portOf(calls) + "/mcp"),
        lists.map(p -> URI.create("http://127.0.0.1:" + portOf(p) + "/mcp")),
        Optional.of(calls),
        lists,
        false);
  }

  private final Map<ChildProcess, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();

  private int portOf(ChildProcess process) {
    return ports.get(process);
  }

  private ChildProcess civicFor(String name, Path pkg, URI target)
      throws IOException, InterruptedException {
    int port = BenchEnv.freePort();
    ChildProcess process =
        node(
            name,
            List.of(pkg.resolve("dist/cli.js").toString()),
            Map.of(
                "PORT",
                Integer.toString(port),
                "TARGET_SERVER_URL",
                "http://127.0.0.1:" + target.getPort(),
                "TARGET_SERVER_MCP_PATH",
                target.getPath(),
                "SOURCE_SERVER_MCP_PATH",
                "/mcp",
                "TARGET_SERVER_TRANSPORT",
                "httpStream",
                "LOG_LEVEL",
                "error"),
            port);
    ports.put(process, port);
    return process;
  }

  private ChildProcess node(String name, List<String> args, Map<String, String> envVars, int port)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(env.node().toString());
    command.add("--require");
    command.add(env.bindLoopback().toString());
    command.addAll(args);
    Path home = Files.createDirectories(env.work().resolve("home-" + name));
    Map<String, String> all = new java.util.HashMap<>(envVars);
    all.put("HOME", home.toString());
    all.put("XDG_STATE_HOME", home.resolve("state").toString());
    all.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    ChildProcess process = ChildProcess.start(name, command, all, env.work(), env.log(name));
    awaitPort(process, port);
    return process;
  }

  private static void awaitPort(ChildProcess process, int port) throws InterruptedException {
    if (!BenchEnv.awaitPort(port, START_LIMIT)) {
      process.close();
      throw new IllegalStateException(process.name() + " did not listen on " + port);
    }
  }

  private static String required(ChildProcess process, String prefix) throws InterruptedException {
    return process
        .awaitLine(prefix, START_LIMIT)
        .orElseThrow(
            () -> new IllegalStateException(process.name() + " did not print \"" + prefix + "\""));
  }

  static String version(Path pkg) {
    try {
      return Json.parse(Files.readString(pkg.resolve("package.json")))
          .path("version")
          .asString("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
