package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the store the config's {@code "store"} key names:
 *
 * <ul>
 *   <li>absent, {@code ""} or {@code "sqlite"}: the SQLite file {@code
 *       $GATEHOUSE_HOME/gatehouse.db};
 *   <li>{@code "sqlite:PATH"}: another SQLite file, relative paths against {@code $GATEHOUSE_HOME};
 *   <li>{@code "postgresql://user:password@host:port/database"}: PostgreSQL;
 *   <li>{@code "memory"}: nothing kept across restarts.
 * </ul>
 */
public final class Stores {
  /** The SQLite file's name in the gateway's home directory. */
  public static final String DEFAULT_FILE = "gatehouse.db";

  private Stores() {}

  /**
   * @param locationOrUrl the {@code "store"} value; null or blank means the default
   * @param gatehouseHome {@code $GATEHOUSE_HOME}, where the default SQLite file lives
   * @throws StoreException INVALID for a value it does not understand, UNAVAILABLE when the store
   *     cannot be opened
   */
  public static Store open(String locationOrUrl, Path gatehouseHome) {
    String value = locationOrUrl == null ? "" : locationOrUrl.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    if (value.isEmpty() || lower.equals("sqlite")) {
      return SqliteStore.open(gatehouseHome.resolve(DEFAULT_FILE));
    }
    if (lower.startsWith("sqlite:")) {
      String file = value.substring("sqlite:".length());
      if (file.isBlank()) {
        throw unknown(value);
      }
      return SqliteStore.open(gatehouseHome.resolve(file));
    }
    if (lower.equals("memory")) {
      return InMemoryStore.create();
    }
    if (PostgresUrl.matches(value)) {
      return PostgresStore.open(value);
    }
    throw unknown(value);
  }

  private static StoreException unknown(String value) {
    return StoreException.invalid(
        "store",
        null,
        "store",
        "\""
            + PostgresUrl.redact(value)
            + "\" is not a store: use \"sqlite\", \"sqlite:PATH\", \"memory\" or"
            + " \"postgresql://user:password@host:port/database\"");
  }
}
