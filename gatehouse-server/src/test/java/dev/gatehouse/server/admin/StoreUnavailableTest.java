package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.admin.AdminClient.Answer;
import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreUnavailableTest {
  private final AtomicBoolean down = new AtomicBoolean();
  private AdminServer server;

  /** An in-memory store that fails like an unreachable database while {@code down} is set. */
  private Store switchable() {
    Store real = InMemoryStore.create();
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, args) -> {
              if (down.get() && !method.getName().equals("close")) {
                throw StoreException.unavailable("database at db.example:5432 refused", null);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @BeforeEach
  void start() {
    server = new AdminServer(switchable(), List.of(), api -> {});
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anUnreachableStoreIs503WithAJsonError() {
    down.set(true);

    for (Answer answer :
        List.of(
            server.client().get("/admin/servers"),
            server
                .client()
                .post("/admin/servers", "{\"name\": \"a\", \"url\": \"http://127.0.0.1/mcp\"}"),
            server.client().get("/admin/groups"),
            server.client().post("/admin/reload"))) {
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.errorCode()).isEqualTo("store_unavailable");
      assertThat(answer.json().path("error").path("message").asString()).contains("refused");
    }

    down.set(false);
    assertThat(server.client().get("/admin/servers").status()).isEqualTo(200);
  }
}
