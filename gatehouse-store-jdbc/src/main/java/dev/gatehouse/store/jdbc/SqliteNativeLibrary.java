package dev.gatehouse.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where the SQLite driver loads its native library from. Left alone, it copies the library out of
 * its jar to a new temporary file in every process, compares the copy with the original byte by
 * byte and asks {@code uname} about the system: a quarter of a second of each gateway start. Kept
 * in a directory, the library is copied there once and loaded from there by later processes.
 *
 * <p>The driver is pointed at the directory through its own {@value #PATH_PROPERTY} property. A
 * library it cannot load from there (a directory shared with another system) makes it fall back to
 * its temporary copy, so the worst case is the default.
 */
final class SqliteNativeLibrary {
  static final String PATH_PROPERTY = "org.sqlite.lib.path";

  private SqliteNativeLibrary() {}

  /**
   * Points the driver at the library kept under {@code directory}, copying it there first when it
   * is missing; does nothing when {@value #PATH_PROPERTY} is set already, or when the directory
   * cannot be written.
   *
   * @return the library file the driver will load, when it was pointed at one
   */
  static Optional<Path> keepIn(Path directory) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return Optional.empty();
    }
    String name = LibraryLoaderUtil.getNativeLibName();
    // One folder per driver version and system, so that neither ever loads another's library.
    String system =
        String.join(
                "-",
                "sqlite-jdbc",
                SQLiteJDBCLoader.getVersion(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"))
            .replaceAll("[^A-Za-z0-9._-]", "_");
    Path folder = directory.resolve(system);
    Path library = folder.resolve(name);
    try {
      if (!Files.isRegularFile(library)) {
        copy(name, folder, library);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    System.setProperty(PATH_PROPERTY, folder.toString());
    return Optional.of(library);
  }

  /** Copies the driver's library for this system, whole or not at all. */
  private static void copy(String name, Path folder, Path library) throws IOException {
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the driver has no library " + resource);
      }
      Files.createDirectories(folder);
      Path partial = Files.createTempFile(folder, name, ".partial");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }
}
