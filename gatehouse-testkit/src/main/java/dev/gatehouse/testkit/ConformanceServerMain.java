package dev.gatehouse.testkit;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link ConformanceServer}:
 *
 * <pre>
 * java -cp ... dev.gatehouse.testkit.ConformanceServerMain --http PORT   # http://127.0.0.1:PORT/mcp
 * java -cp ... dev.gatehouse.testkit.ConformanceServerMain --stdio
 * </pre>
 *
 * Over HTTP it prints {@code listening on URL} to stderr once it accepts connections, and stops on
 * SIGTERM or SIGINT.
 */
public final class ConformanceServerMain {

  private ConformanceServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    ConformanceServer server = ConformanceServer.create();
    if (args.length == 2 && args[0].equals("--http")) {
      serveHttp(server, Integer.parseInt(args[1]), System.err);
    } else if (args.length == 1 && args[0].equals("--stdio")) {
      StdioRunner.serve(server);
    } else {
      System.err.println("usage: ConformanceServerMain --http PORT | --stdio");
      System.exit(2);
    }
  }

  /** Serves over HTTP until the JVM is told to stop. */
  static void serveHttp(ConformanceServer server, int port, PrintStream log)
      throws InterruptedException {
    HttpTestServer http = HttpTestServer.start(server, port);
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
