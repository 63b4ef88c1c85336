package dev.gatehouse.bench.upstream;

import java.io.IOException;

/**
 * Ends a child process of the bench when its parent goes away: the parent holds the child's stdin
 * open, so end of input means the bench is gone, however it ended.
 */
public final class StdinWatch {
  private StdinWatch() {}

  /** Starts a daemon thread that exits the JVM (running shutdown hooks) at end of stdin. */
  public static void exitWhenClosed() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // input is ignored
                }
              } catch (IOException e) {
                // a broken stdin means the same as a closed one
              }
              System.exit(0);
            },
            "bench-stdin-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
