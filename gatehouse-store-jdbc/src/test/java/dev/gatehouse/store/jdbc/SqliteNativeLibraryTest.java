package dev.gatehouse.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeping the driver's native library in a directory. The driver in this JVM has loaded its library
 * already, so these tests check what it is pointed at, and restore the property after.
 */
class SqliteNativeLibraryTest {
  @TempDir Path dir;
  private String property;

  @BeforeEach
  void saveProperty() {
    property = System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
  }

  @AfterEach
  void restoreProperty() {
    if (property == null) {
      System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
    } else {
      System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, property);
    }
  }

  @Test
  void theLibraryIsCopiedOnceAndTheDriverPointedAtIt() throws IOException {
    Optional<Path> kept = SqliteNativeLibrary.keepIn(dir);

    assertThat(kept).isPresent();
    Path library = kept.get();
    assertThat(library.getFileName().toString()).isEqualTo(LibraryLoaderUtil.getNativeLibName());
    assertThat(library.getParent().getFileName().toString())
        .startsWith("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-");
    assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY))
        .isEqualTo(library.getParent().toString());
    try (InputStream original =
        SQLiteJDBCLoader.class.getResourceAsStream(
            LibraryLoaderUtil.getNativeLibResourcePath() + "/" + library.getFileName())) {
      assertThat(Files.readAllBytes(library)).isEqualTo(original.readAllBytes());
    }
    try (var files = Files.list(library.getParent())) {
      assertThat(files).containsExactly(library);
    }
  }

  @Test
  void aKeptLibraryIsNotCopiedAgain() throws IOException {
    Path library = SqliteNativeLibrary.keepIn(dir).orElseThrow();
    FileTime earlier = FileTime.from(Instant.parse("2025-01-01T00:00:00Z"));
    Files.setLastModifiedTime(library, earlier);
    System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);

    assertThat(SqliteNativeLibrary.keepIn(dir)).contains(library);

    assertThat(Files.getLastModifiedTime(library)).isEqualTo(earlier);
  }

  @Test
  void aPathSetAlreadyIsLeftAlone() {
    System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, "/opt/sqlite");

    assertThat(SqliteNativeLibrary.keepIn(dir)).isEmpty();

    assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aDirectoryThatCannotBeWrittenLeavesTheDriverToItsOwnWay() throws IOException {
    Path blocked = Files.writeString(dir.resolve("a-file"), "not a directory");

    assertThat(SqliteNativeLibrary.keepIn(blocked)).isEmpty();

    assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isNull();
  }
}
