package dev.gatehouse.store.jdbc;

import static dev.gatehouse.store.jdbc.StoreContract.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreContractTest extends PersistentStoreContract {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("home").resolve("gatehouse.db");
  }

  @Override
  protected Store openStore() {
    return SqliteStore.open(file());
  }

  @Override
  protected Store reopenStore() {
    return SqliteStore.open(file());
  }

  @Test
  void theFileIsCreatedWithItsDirectoriesAndRunsInWalMode() throws Exception {
    assertThat(file()).isRegularFile();
    assertThat(store.describe()).isEqualTo("SQLite database " + file());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }

  @Test
  void aPathUnderARegularFileIsUnavailableWithAClearReason() throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
    Path db = blocker.resolve("sub").resolve("gatehouse.db");

    assertKind(
        () -> SqliteStore.open(db),
        Kind.UNAVAILABLE,
        "cannot open SQLite database " + db + ": cannot create directory " + db.getParent());
  }

  @Test
  void aPathThatIsADirectoryIsUnavailable() throws Exception {
    Path db = Files.createDirectories(dir.resolve("gatehouse.db"));

    assertKind(
        () -> SqliteStore.open(db),
        Kind.UNAVAILABLE,
        "cannot open SQLite database " + db + ": it is a directory");
  }

  @Test
  void aReadOnlyDirectoryIsUnavailable() throws Exception {
    Path readOnly = Files.createDirectories(dir.resolve("read-only"));
    assertThat(readOnly.toFile().setWritable(false, false)).isTrue();
    try {
      Path db = readOnly.resolve("gatehouse.db");
      if (Files.isWritable(readOnly)) {
        // Root writes anywhere: SQLite itself would succeed, and so must the store.
        try (Store opened = SqliteStore.open(db)) {
          assertThat(opened.servers()).isEmpty();
        }
        return;
      }
      assertKind(
          () -> SqliteStore.open(db),
          Kind.UNAVAILABLE,
          "cannot open SQLite database " + db + ": directory is not writable");
    } finally {
      readOnly.toFile().setWritable(true, false);
    }
  }

  @Test
  void aPlaceNoFileCanBeCreatedIsUnavailable() {
    Path proc = Path.of("/proc");
    assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux's /proc");
    Path db = proc.resolve("gatehouse.db");

    assertKind(
        () -> SqliteStore.open(db),
        Kind.UNAVAILABLE,
        "cannot open SQLite database /proc/gatehouse.db: ");
  }

  @Test
  void aFileThatIsNotADatabaseIsUnavailable() throws Exception {
    Path db = dir.resolve("garbage.db");
    Files.writeString(
        db, "this is not a SQLite database, only text that looks like one. ".repeat(20));

    assertKind(
        () -> SqliteStore.open(db),
        Kind.UNAVAILABLE,
        "cannot open SQLite database " + db + ": [SQLITE_NOTADB]");
  }

  @Test
  void aWarmUpUsesAnInMemoryDatabaseAndLeavesNoFile() throws Exception {
    Path workingDirectory = Path.of("").toAbsolutePath();
    List<Path> before;
    try (var files = Files.list(workingDirectory)) {
      before = files.toList();
    }

    SqliteStore.warmUp();

    try (var files = Files.list(workingDirectory)) {
      assertThat(files.toList()).containsExactlyInAnyOrderElementsOf(before);
    }
    assertThat(store.servers()).isEmpty();
  }

  @Test
  void twoStoresOnOneFileSeeEachOthersWrites() {
    try (Store second = SqliteStore.open(file())) {
      second.createServer(ServerSpec.stdio("from-second", "cat", List.of()));
      assertThat(store.serverByName("from-second")).isPresent();
    }
  }
}
