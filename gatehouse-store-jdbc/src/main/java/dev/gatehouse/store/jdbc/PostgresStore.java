package dev.gatehouse.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.upstream.Placeholders;
import java.time.Duration;

/**
 * The shared store: a PostgreSQL database, for several gateway replicas that must see the same
 * servers and groups. Migrations run on open; when replicas start together, Flyway's lock lets one
 * migrate while the others wait.
 */
public final class PostgresStore {
  /** How long to wait for a connection, at open and later; an unreachable server fails after it. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final int POOL_SIZE = 8;

  private PostgresStore() {}

  /**
   * Connects to {@code postgresql://user:password@host:port/database} and applies pending
   * migrations; references such as {@code ${env:PGPASSWORD}} in the URL are resolved from the
   * process environment.
   *
   * @throws StoreException INVALID for a malformed URL, UNAVAILABLE when the server cannot be
   *     reached or refuses the login
   */
  public static Store open(String url) {
    return open(url, Placeholders.fromSystem());
  }

  static Store open(String url, Placeholders placeholders) {
    PostgresUrl target = PostgresUrl.parse(url, placeholders);
    String where = target.describe();
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("gatehouse-postgresql");
    pool.setDriverClassName("org.postgresql.Driver");
    pool.setJdbcUrl(target.jdbcUrl());
    target.user().ifPresent(pool::setUsername);
    target.password().ifPresent(pool::setPassword);
    pool.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
    pool.addDataSourceProperty("ApplicationName", "gatehouse");
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
    // One attempt at open: a wrong URL or a stopped server fails now, with the driver's reason.
    pool.setInitializationFailTimeout(1);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(pool);
    } catch (RuntimeException e) {
      String reason =
          SqlFailures.sqlCause(e)
              .map(Throwable::getMessage)
              .orElseGet(() -> SqlFailures.describe(e));
      throw StoreException.unavailable("cannot connect to " + where + ": " + reason, e);
    }
    try {
      Migrations.apply(dataSource, Dialect.POSTGRESQL, where);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new JdbcStore(dataSource, Dialect.POSTGRESQL, where);
  }
}
