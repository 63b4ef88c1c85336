package dev.gatehouse.store.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteMigrationsTest extends MigrationsContract {
  @TempDir Path dir;

  @Override
  protected DataSource emptyDatabase() {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
    return sqlite;
  }

  @Override
  protected Dialect dialect() {
    return Dialect.SQLITE;
  }
}
