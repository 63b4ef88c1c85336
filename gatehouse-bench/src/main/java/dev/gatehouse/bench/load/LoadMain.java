package dev.gatehouse.bench.load;

import java.net.URI;
import java.time.Duration;

/**
 * Drives one load against one MCP endpoint and prints what it measured, for profiling a single
 * target by hand:
 *
 * <pre>java -cp ... dev.gatehouse.bench.load.LoadMain URL call|list PAYLOAD CONCURRENCY SECONDS
 * </pre>
 */
public final class LoadMain {
  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: LoadMain URL call|list PAYLOAD_BYTES CONCURRENCY SECONDS");
      System.exit(2);
    }
    McpSession session = McpSession.open(URI.create(args[0]));
    Workload workload =
        args[1].equals("list")
            ? Workload.list("list")
            : Workload.call("call", session.toolNamed("echo"), Integer.parseInt(args[2]));
    int concurrency = Integer.parseInt(args[3]);
    Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
    System.out.println(LoadGenerator.run(session, workload, concurrency, duration));
  }
}
