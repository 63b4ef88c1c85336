package dev.gatehouse.store.jdbc;

import static dev.gatehouse.store.jdbc.StoreContract.fullHttpSpec;
import static dev.gatehouse.store.jdbc.StoreContract.hash;
import static dev.gatehouse.store.jdbc.StoreContract.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.AgentRecord;
import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.ApiKeySpec;
import dev.gatehouse.store.CatalogSnapshot;
import dev.gatehouse.store.GroupRecord;
import dev.gatehouse.store.GroupSpec;
import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.ServerRecord;
import dev.gatehouse.store.ServerSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of a store that keeps what it holds across a close and reopen. */
abstract class PersistentStoreContract extends StoreContract {

  @Test
  void everythingSurvivesReopening() {
    ServerRecord server = store.createServer(fullHttpSpec("remote"));
    ServerRecord local = store.createServer(ServerSpec.stdio("local", "cat", List.of("-u")));
    GroupRecord group =
        store.createGroup(GroupSpec.builder("g").allow(List.of("remote_*")).build());
    store.setGroupMembers(group.id(), List.of("remote", "local"));
    CatalogSnapshot snapshot = snapshot("remote", "{\"tools\":[{\"name\":\"echo\"}]}");
    store.putCatalogSnapshot(snapshot);

    store.close();
    store = reopenStore();

    assertThat(store.servers()).containsExactly(local, server);
    assertThat(store.groups()).containsExactly(group);
    assertThat(store.groupMembers(group.id())).containsExactly("remote", "local");
    assertThat(store.catalogSnapshot("remote")).contains(snapshot);
    assertThat(store.schemaVersion()).isEqualTo(InMemoryStore.SCHEMA_VERSION);
  }

  @Test
  void agentsAndKeysSurviveReopening() {
    AgentRecord alpha = store.createAgent("alpha", Optional.of("first"));
    ApiKeyRecord key =
        store.createApiKey(new ApiKeySpec(alpha.id(), "gh_a", hash('a'), Optional.empty()));
    ApiKeyRecord revoked =
        store.revokeApiKey(
            store
                .createApiKey(new ApiKeySpec(alpha.id(), "gh_b", hash('b'), Optional.empty()))
                .id());

    store.close();
    store = reopenStore();

    assertThat(store.agents()).containsExactly(alpha);
    assertThat(store.apiKeyByHash(hash('a'))).contains(key);
    assertThat(store.apiKeyByHash(hash('b'))).contains(revoked);
  }
}
