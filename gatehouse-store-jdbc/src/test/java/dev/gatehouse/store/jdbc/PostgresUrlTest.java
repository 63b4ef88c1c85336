package dev.gatehouse.store.jdbc;

import static dev.gatehouse.store.jdbc.StoreContract.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.store.StoreException.Kind;
import dev.gatehouse.upstream.Placeholders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresUrlTest {
  private static final Placeholders ENV =
      new Placeholders(
          name -> Optional.ofNullable(Map.of("PGPASS", "p@ss:w/rd%41", "PGUSER", "svc").get(name)));

  @Test
  void theConfigFormReadsAsItsParts() {
    PostgresUrl url = PostgresUrl.parse("postgresql://gh:secret@db.internal:6543/gatehouse", ENV);

    assertThat(url.host()).isEqualTo("db.internal");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.database()).isEqualTo("gatehouse");
    assertThat(url.user()).contains("gh");
    assertThat(url.password()).contains("secret");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/gatehouse");
    assertThat(url.describe())
        .isEqualTo("PostgreSQL database gatehouse at db.internal:6543 as user gh");
  }

  @Test
  void defaultsFollowLibpq() {
    PostgresUrl url = PostgresUrl.parse("postgres://gh@localhost", ENV);

    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.database()).isEqualTo("gh");
    assertThat(url.password()).isEmpty();
    assertThat(PostgresUrl.parse("postgresql://localhost/", ENV).database()).isEqualTo("postgres");
  }

  @Test
  void jdbcUrlsIpv6HostsAndParametersAreAccepted() {
    PostgresUrl url =
        PostgresUrl.parse(
            "jdbc:postgresql://u:p@[::1]:5433/db?sslmode=require&currentSchema=gatehouse", ENV);

    assertThat(url.host()).isEqualTo("[::1]");
    assertThat(url.port()).isEqualTo(5433);
    assertThat(url.params())
        .containsExactly(Map.entry("sslmode", "require"), Map.entry("currentSchema", "gatehouse"));
    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5433/db?sslmode=require&currentSchema=gatehouse");
  }

  @Test
  void userAndPasswordArePercentDecoded() {
    PostgresUrl url = PostgresUrl.parse("postgresql://a%40b:p%3Aw%2Fd+x@h/db", ENV);

    assertThat(url.user()).contains("a@b");
    assertThat(url.password()).contains("p:w/d+x");
  }

  @Test
  void referencesAreResolvedAndTakenVerbatim(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("pw"), "from-file\n");

    PostgresUrl fromEnv = PostgresUrl.parse("postgresql://${env:PGUSER}:${env:PGPASS}@h/db", ENV);
    assertThat(fromEnv.user()).contains("svc");
    assertThat(fromEnv.password()).contains("p@ss:w/rd%41");

    PostgresUrl fromFile = PostgresUrl.parse("postgresql://u:${file:" + secret + "}@h:1/db", ENV);
    assertThat(fromFile.password()).contains("from-file");
    assertThat(fromFile.port()).isEqualTo(1);
  }

  @Test
  void malformedUrlsAreInvalidWithoutShowingThePassword() {
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u:hidden@/db", ENV))
        .hasMessage(
            "store: the PostgreSQL URL postgresql://u:***@/db is invalid: it names no host");
    assertKind(
        () -> PostgresUrl.parse("postgresql://u:hidden@h:99999/db", ENV),
        Kind.INVALID,
        "port \"99999\"");
    assertKind(
        () -> PostgresUrl.parse("postgresql://u:${env:MISSING}@h/db", ENV),
        Kind.INVALID,
        "MISSING");
    assertThat(PostgresUrl.redact("postgresql://u:hidden@h/db"))
        .isEqualTo("postgresql://u:***@h/db");
  }
}
