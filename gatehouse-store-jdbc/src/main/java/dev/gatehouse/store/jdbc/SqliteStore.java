package dev.gatehouse.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file, created with its parent directories on first use, in WAL
 * mode so that readers never wait for the writer. Writers take turns: every transaction begins
 * IMMEDIATE and waits up to {@link #BUSY_TIMEOUT} for the lock, so several gateway processes may
 * share one file on a local disk.
 */
public final class SqliteStore {
  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);

  /** Readers run side by side in WAL mode; writers queue on the file lock anyway. */
  private static final int POOL_SIZE = 4;

  private SqliteStore() {}

  /**
   * Opens (creating if needed) the database file and applies pending migrations.
   *
   * @throws StoreException UNAVAILABLE saying what is wrong with the path, or why SQLite refused
   */
  public static Store open(Path file) {
    Path path = file.toAbsolutePath().normalize();
    String where = "SQLite database " + path;
    prepare(path);
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
    config.enforceForeignKeys(true);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + path);

    // One plain connection first: a file SQLite refuses fails here with SQLite's reason, before
    // the pool would log its own stack trace.
    try (Connection probe = sqlite.getConnection()) {
      probe.isValid(0);
    } catch (SQLException e) {
      throw StoreException.unavailable("cannot open " + where + ": " + e.getMessage(), e);
    }
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(sqlite);
    pool.setPoolName("gatehouse-sqlite");
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(BUSY_TIMEOUT.toMillis());
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(pool);
    } catch (RuntimeException e) {
      throw StoreException.unavailable("cannot open " + where + ": " + SqlFailures.describe(e), e);
    }
    try {
      Migrations.apply(dataSource, Dialect.SQLITE, where);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new JdbcStore(dataSource, Dialect.SQLITE, where);
  }

  /**
   * Has the driver keep its native library under {@code directory} rather than copy it to a new
   * temporary file in every process; see {@link SqliteNativeLibrary}. Call before the first store
   * opens; nothing happens when {@code org.sqlite.lib.path} is set or the directory is not
   * writable.
   */
  public static void keepNativeLibraryIn(Path directory) {
    SqliteNativeLibrary.keepIn(directory);
  }

  /**
   * Loads the SQLite driver and its native library, and runs one statement through the SQL layer on
   * an in-memory database: the first-use costs of {@link #open} (about half of its time), paid
   * ahead, for a caller with a core to spare while it does something else. Nothing is written.
   */
  public static void warmUp() {
    SQLiteDataSource memory = new SQLiteDataSource();
    memory.setUrl("jdbc:sqlite::memory:");
    Jdbi.create(memory)
        .withHandle(h -> h.createQuery("SELECT :warm").bind("warm", 1).mapTo(Integer.class).one());
  }

  /**
   * Creates the parent directories and checks what SQLite would otherwise report as a bare "unable
   * to open the database file". WAL mode writes files beside the database, so the directory must be
   * writable too.
   */
  private static void prepare(Path path) {
    String cannot = "cannot open SQLite database " + path + ": ";
    Path directory = path.getParent();
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw StoreException.unavailable(cannot + e.getFile() + " is a file, not a directory", e);
    } catch (IOException e) {
      String reason =
          e instanceof AccessDeniedException
              ? "permission denied"
              : e instanceof FileSystemException fs && fs.getReason() != null
                  ? fs.getReason()
                  : e.toString();
      throw StoreException.unavailable(
          cannot + "cannot create directory " + directory + ": " + reason, e);
    }
    if (Files.isDirectory(path)) {
      throw StoreException.unavailable(cannot + "it is a directory", null);
    }
    if (!Files.isWritable(directory)) {
      throw StoreException.unavailable(cannot + "directory is not writable", null);
    }
    if (Files.exists(path) && !Files.isWritable(path)) {
      throw StoreException.unavailable(cannot + "file is not writable", null);
    }
  }
}
