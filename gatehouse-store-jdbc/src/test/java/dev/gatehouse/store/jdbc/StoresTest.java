package dev.gatehouse.store.jdbc;

import static dev.gatehouse.store.jdbc.StoreContract.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresServer.class)
class StoresTest {
  @TempDir Path home;

  @Test
  void theDefaultIsSqliteInTheHomeDirectory() {
    for (String value : new String[] {null, "", "sqlite", " SQLite "}) {
      try (Store store = Stores.open(value, home.resolve("gh"))) {
        assertThat(store.describe())
            .isEqualTo("SQLite database " + home.resolve("gh/gatehouse.db"));
      }
    }
    assertThat(home.resolve("gh/gatehouse.db")).isRegularFile();
  }

  @Test
  void sqliteWithAPathOpensThatFileRelativeToHome() {
    try (Store store = Stores.open("sqlite:data/other.db", home)) {
      assertThat(store.describe()).isEqualTo("SQLite database " + home.resolve("data/other.db"));
    }
    Path absolute = home.resolve("abs.db").toAbsolutePath();
    try (Store store = Stores.open("sqlite:" + absolute, Path.of("/nonexistent-home"))) {
      assertThat(store.describe()).isEqualTo("SQLite database " + absolute);
    }
  }

  @Test
  void memoryKeepsNothingOnDisk() {
    try (Store store = Stores.open("memory", home)) {
      assertThat(store).isInstanceOf(InMemoryStore.class);
    }
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void aPostgresqlUrlOpensPostgresql() {
    String url = PostgresServer.newSchema();
    try (Store store = Stores.open(url, home)) {
      store.createServer(ServerSpec.stdio("pg-one", "cat", List.of()));
      assertThat(store.describe()).startsWith("PostgreSQL database gatehouse at 127.0.0.1:");
    }
    try (Store again = Stores.open(url, home)) {
      assertThat(again.serverByName("pg-one")).isPresent();
    }
  }

  @Test
  void anythingElseIsInvalidAndNamesTheChoices() {
    assertKind(
        () -> Stores.open("mysql://root:hunter2@db/gh", home),
        Kind.INVALID,
        "store: \"mysql://root:***@db/gh\" is not a store: use \"sqlite\", \"sqlite:PATH\","
            + " \"memory\" or \"postgresql://user:password@host:port/database\"");
    assertKind(() -> Stores.open("sqlite:", home), Kind.INVALID, "is not a store");
  }
}
