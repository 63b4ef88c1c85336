package dev.gatehouse.cli;

import dev.gatehouse.server.GatehouseHttpServer;
import dev.gatehouse.store.jdbc.SqliteStore;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Readies, on a second thread, the libraries {@code serve} needs, in the order it needs them, while
 * the main thread parses the command line and the config (JSON, which the config needs at once, it
 * readies itself): logging, the SQLite driver and SQL layer, then the HTTP server's classes. Each
 * is work the start does anyway, the first time a library is used; ahead and on the other core, it
 * is off the way to ready. The main thread, arriving at a library still being readied, waits for it
 * (class initialization is done once) rather than doing it again.
 *
 * <p>Run from the distribution jar, the SQLite driver's native library is kept in {@code native/}
 * beside the jar (as the AOT cache is) instead of being copied to a temporary file by every start.
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
    step(LoggerFactory::getILoggerFactory);
    step(() -> besideTheJar("native").ifPresent(SqliteStore::keepNativeLibraryIn));
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

  /** {@code name} in the directory of the jar this runs from; none when run from classes. */
  static Optional<Path> besideTheJar(String name) {
    try {
      Path location =
          Path.of(WarmUp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location)
          ? Optional.of(location.toAbsolutePath().getParent().resolve(name))
          : Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
