package dev.gatehouse.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.upstream.Placeholders;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

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
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(target.jdbcUrl());
    target.user().ifPresent(postgres::setUser);
    target.password().ifPresent(postgres::setPassword);
    postgres.setConnectTimeout((int) CONNECT_TIMEOUT.toSeconds());
    postgres.setApplicationName("gatehouse");
    // One plain connection first: an unreachable server or a refused login fails here with the
    // driver's reason, before the pool would log its own stack trace.
    try (Connection probe = postgres.getConnection()) {
      probe.isValid(0);
    } catch (SQLException e) {
      throw StoreException.unavailable("cannot connect to " + where + ": " + reason(e), e);
    }
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("gatehouse-postgresql");
    pool.setDataSource(postgres);
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(pool);
    } catch (RuntimeException e) {
      throw StoreException.unavailable(
          "cannot connect to " + where + ": " + SqlFailures.describe(e), e);
    }
    try {
      Migrations.apply(dataSource, Dialect.POSTGRESQL, where);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new JdbcStore(dataSource, Dialect.POSTGRESQL, where);
  }

  /** The driver's message, plus the network's when the driver's alone says little. */
  private static String reason(SQLException e) {
    String message = String.valueOf(e.getMessage()).strip();
    Throwable cause = e.getCause();
    if (cause instanceof UnknownHostException unknown) {
      return message + " (unknown host " + unknown.getMessage() + ")";
    }
    if (cause instanceof IOException io && !(cause instanceof ConnectException)) {
      return message + " (" + io.getClass().getSimpleName() + ": " + io.getMessage() + ")";
    }
    return message;
  }
}
