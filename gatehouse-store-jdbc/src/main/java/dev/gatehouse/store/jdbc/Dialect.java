package dev.gatehouse.store.jdbc;

/** What differs between the SQL databases the store runs on. */
enum Dialect {
  SQLITE("SQLite", "classpath:db/migration/sqlite", ""),
  POSTGRESQL("PostgreSQL", "classpath:db/migration/postgresql", " FOR UPDATE");

  private final String displayName;
  private final String migrations;
  private final String lockRows;

  Dialect(String displayName, String migrations, String lockRows) {
    this.displayName = displayName;
    this.migrations = migrations;
    this.lockRows = lockRows;
  }

  String displayName() {
    return displayName;
  }

  /** The Flyway location of this dialect's {@code V<n>__<what>.sql} files. */
  String migrations() {
    return migrations;
  }

  /**
   * Appended to a SELECT that a read-modify-write transaction depends on. SQLite needs none: its
   * transactions begin IMMEDIATE, taking the database's write lock up front.
   */
  String lockRows() {
    return lockRows;
  }
}
