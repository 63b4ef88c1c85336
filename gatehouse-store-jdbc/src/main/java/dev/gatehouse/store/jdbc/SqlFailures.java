package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.StoreException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** Turns what JDBC, JDBI and the pool throw into a {@link StoreException} that says where. */
final class SqlFailures {
  /** SQLSTATE of a unique or primary key violation (PostgreSQL). */
  private static final String UNIQUE_VIOLATION = "23505";

  private SqlFailures() {}

  /**
   * @param where the store, as {@link dev.gatehouse.store.Store#describe()} names it
   * @param onDuplicate the exception for a unique violation that a pre-check did not catch (two
   *     writers racing for the same name)
   */
  static StoreException translate(
      RuntimeException failure, String where, Supplier<StoreException> onDuplicate) {
    if (failure instanceof StoreException store) {
      return store;
    }
    Optional<SQLException> sql = sqlCause(failure);
    if (sql.isPresent() && isUniqueViolation(sql.get())) {
      return onDuplicate.get();
    }
    String reason = sql.map(SqlFailures::describe).orElseGet(() -> describe(failure));
    return StoreException.unavailable(where + " failed: " + reason, failure);
  }

  static Optional<SQLException> sqlCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  /** The innermost message worth showing, without JDBI's statement dump. */
  static String describe(Throwable failure) {
    Throwable deepest = failure;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String message = deepest.getMessage();
    if (message == null || message.isBlank() || deepest instanceof JdbiException) {
      message = deepest.getClass().getSimpleName();
    }
    return message.strip();
  }

  private static boolean isUniqueViolation(SQLException e) {
    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
      return true;
    }
    // sqlite-jdbc reports SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY with no SQLSTATE.
    String message = String.valueOf(e.getMessage());
    return message.contains("SQLITE_CONSTRAINT_UNIQUE")
        || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY");
  }
}
