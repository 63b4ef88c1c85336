package dev.gatehouse.store.jdbc;

import static dev.gatehouse.store.jdbc.StoreContract.assertKind;

import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

class InMemoryStoreContractTest extends StoreContract {

  @Override
  protected Store openStore() {
    return InMemoryStore.create();
  }

  @Test
  void aClosedStoreIsUnavailable() {
    Store closed = InMemoryStore.create();
    closed.close();
    assertKind(closed::servers, Kind.UNAVAILABLE, "closed");
  }
}
