package dev.gatehouse.cli;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.store.jdbc.SqliteStore;
import org.slf4j.LoggerFactory;

/**
 * Readies, on a second thread, the libraries {@code serve} needs, in the order it needs them, while
 * the main thread parses the command line and the config: JSON, logging, the SQLite driver and SQL
 * layer, then Jetty. Each is work the start does anyway, the first time a library is used; ahead
 * and on the other core, it is off the way to ready. The main thread, arriving at a library still
 * being readied, waits for it (class initialization is done once) rather than doing it again.
 *
 * <p>A step that fails is not reported here: the start fails at the same place, with its own
 * message and exit code.
 */
final class WarmUp {
  private WarmUp() {}

  /** Starts readying; the thread is a daemon and ends by itself. */
  static Thread start() {
    return Thread.ofPlatform().daemon().name("gatehouse-warm-up").start(WarmUp::run);
  }

  private static void run() {
    step(() -> Json.parse("{\"warm\":[1]}"));
    step(LoggerFactory::getILoggerFactory);
    // The default store; with another one, this is work the second core does for nothing.
    step(SqliteStore::warmUp);
    step(GatehouseHttpServer::warmUp);
  }

  private static void step(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | LinkageError e) {
      // Left to the start, which fails at the same place and says why.
    }
  }
}
