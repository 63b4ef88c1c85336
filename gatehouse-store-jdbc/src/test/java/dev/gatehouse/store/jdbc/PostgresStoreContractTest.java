package dev.gatehouse.store.jdbc;

import static dev.gatehouse.store.jdbc.StoreContract.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.store.StoreException.Kind;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresServer.class)
class PostgresStoreContractTest extends PersistentStoreContract {
  private String url;

  @Override
  protected Store openStore() {
    url = PostgresServer.newSchema();
    return PostgresStore.open(url);
  }

  @Override
  protected Store reopenStore() {
    return PostgresStore.open(url);
  }

  @Test
  void twoStoresOnOneDatabaseSeeEachOthersWrites() {
    try (Store replica = PostgresStore.open(url)) {
      replica.createServer(ServerSpec.stdio("from-replica", "cat", List.of()));
      assertThat(store.serverByName("from-replica")).isPresent();
      assertThat(replica.describe()).startsWith("PostgreSQL database gatehouse at 127.0.0.1:");
    }
  }

  @Test
  void anUnreachableServerIsUnavailableAndSaysWhere() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "postgresql://gatehouse:s3cret-pw@127.0.0.1:" + closedPort + "/gatehouse";

    assertThatThrownBy(() -> PostgresStore.open(unreachable))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining(
            "cannot connect to PostgreSQL database gatehouse at 127.0.0.1:"
                + closedPort
                + " as user gatehouse")
        .hasMessageContaining("refused")
        .hasNoSuppressedExceptions()
        .message()
        .doesNotContain("s3cret-pw");
  }

  @Test
  void aWrongPasswordIsUnavailableWithoutShowingIt() {
    String wrong = url.replace("gatehouse:gatehouse@", "gatehouse:wrong-pw@");

    assertThatThrownBy(() -> PostgresStore.open(wrong))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining("authentication failed")
        .message()
        .doesNotContain("wrong-pw");
  }

  @Test
  void aMissingDatabaseIsUnavailable() {
    String missing = PostgresServer.url().replaceFirst("/gatehouse$", "/no_such_db");

    assertKind(() -> PostgresStore.open(missing), Kind.UNAVAILABLE, "database no_such_db");
  }
}
