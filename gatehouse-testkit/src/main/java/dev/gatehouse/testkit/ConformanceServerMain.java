package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.modern.DualEraHandler;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link ConformanceServer}:
 *
 * <pre>
 * java -cp ... dev.gatehouse.testkit.ConformanceServerMain --http PORT   # http://127.0.0.1:PORT/mcp
 * java -cp ... dev.gatehouse.testkit.ConformanceServerMain --stdio
 * java -cp ... dev.gatehouse.testkit.ConformanceServerMain --http PORT --dual-era
 * </pre>
 *
 * Over HTTP it prints {@code listening on URL} to stderr once it accepts connections, and stops on
 * SIGTERM or SIGINT. With {@code --dual-era} it also serves the 2026-07-28 revision, through the
 * gateway's own {@link DualEraHandler} (its server-to-client requests become input requests).
 */
public final class ConformanceServerMain {

  private ConformanceServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    ConformanceServer server = ConformanceServer.create();
    List<String> options = Arrays.asList(args);
    boolean dualEra = options.contains("--dual-era");
    List<String> rest = options.stream().filter(a -> !a.equals("--dual-era")).toList();
    McpHandler served = dualEra ? DualEraHandler.of(server) : server;
    if (rest.size() == 2 && rest.get(0).equals("--http")) {
      serveHttp(server, served, Integer.parseInt(rest.get(1)), System.err);
    } else if (rest.size() == 1 && rest.get(0).equals("--stdio")) {
      StdioRunner.serve(served);
    } else {
      System.err.println("usage: ConformanceServerMain (--http PORT | --stdio) [--dual-era]");
      System.exit(2);
    }
  }

  /** Serves over HTTP until the JVM is told to stop. */
  static void serveHttp(ConformanceServer server, int port, PrintStream log)
      throws InterruptedException {
    serveHttp(server, server, port, log);
  }

  private static void serveHttp(
      ConformanceServer server, McpHandler served, int port, PrintStream log)
      throws InterruptedException {
    HttpTestServer http = HttpTestServer.start(served, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              server.close();
              http.close();
              stopped.countDown();
            }));
    log.println("listening on " + http.url());
    log.flush();
    stopped.await();
  }
}
