package dev.gatehouse.bench.upstream;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.server.GatehouseHttpServer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Serves {@link EchoUpstream}s over Streamable HTTP on 127.0.0.1, on the gateway's own servlet:
 *
 * <ul>
 *   <li>{@code /mcp}: echo and blob;
 *   <li>{@code /mcp/g/NAME-COUNT}: echo, blob and COUNT synthetic tools named {@code NAME_t<i>}
 *       (NAME {@code all} lists them unprefixed), one endpoint per upstream of a listing load.
 * </ul>
 *
 * <pre>java -cp ... dev.gatehouse.bench.upstream.EchoUpstreamMain PORT</pre>
 *
 * Prints {@code listening on PORT} once bound and serves until stdin closes or it is killed.
 */
public final class EchoUpstreamMain {
  private EchoUpstreamMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Map<String, McpHandler> groups = new ConcurrentHashMap<>();
    GatehouseHttpServer server =
        GatehouseHttpServer.builder()
            .host("127.0.0.1")
            .port(port)
            .mcp("/mcp", EchoUpstream.of("", 0))
            .mcpPrefix(
                "/mcp/g",
                path -> group(path).map(g -> groups.computeIfAbsent(path, p -> g.create())))
            .build()
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              server.close();
              stopped.countDown();
            }));
    System.out.println("listening on " + server.port());
    System.out.flush();
    StdinWatch.exitWhenClosed();
    stopped.await();
  }

  private record Group(String name, int count) {
    EchoUpstream create() {
      return EchoUpstream.of(name.equals("all") ? "" : name, count);
    }
  }

  private static Optional<Group> group(String path) {
    int dash = path.lastIndexOf('-');
    if (dash <= 0 || !path.substring(0, dash).matches("[a-z0-9]+")) {
      return Optional.empty();
    }
    try {
      int count = Integer.parseInt(path.substring(dash + 1));
      return count >= 0 && count <= 100_000
          ? Optional.of(new Group(path.substring(0, dash), count))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
