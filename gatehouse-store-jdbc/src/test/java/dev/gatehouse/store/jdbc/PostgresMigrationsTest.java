package dev.gatehouse.store.jdbc;

import dev.gatehouse.upstream.Placeholders;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

@ExtendWith(PostgresServer.class)
class PostgresMigrationsTest extends MigrationsContract {

  @Override
  protected DataSource emptyDatabase() {
    PostgresUrl target =
        PostgresUrl.parse(PostgresServer.newSchema(), new Placeholders(name -> Optional.empty()));
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(target.jdbcUrl());
    target.user().ifPresent(postgres::setUser);
    target.password().ifPresent(postgres::setPassword);
    return postgres;
  }

  @Override
  protected Dialect dialect() {
    return Dialect.POSTGRESQL;
  }
}
