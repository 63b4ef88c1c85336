package dev.gatehouse.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.store.AgentRecord;
import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.ApiKeySpec;
import dev.gatehouse.store.CatalogSnapshot;
import dev.gatehouse.store.GroupPatch;
import dev.gatehouse.store.GroupRecord;
import dev.gatehouse.store.GroupSpec;
import dev.gatehouse.store.InMemoryStore;
import dev.gatehouse.store.ServerPatch;
import dev.gatehouse.store.ServerRecord;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.store.StoreException.Kind;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, run once per backend by a subclass that says how to open one.
 */
abstract class StoreContract {
  private static final URI URL = URI.create("http://127.0.0.1:9/mcp");

  protected Store store;

  /** A new, empty store. */
  protected abstract Store openStore();

  /** The same data opened again, after {@link #store} was closed; only for persistent stores. */
  protected Store reopenStore() {
    throw new UnsupportedOperationException();
  }

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // --- servers

  @Test
  void anHttpServerReadsBackAsWrittenByIdAndByName() {
    ServerSpec spec = fullHttpSpec("remote");
    ServerRecord created = store.createServer(spec);

    assertThat(created.id()).isNotBlank();
    assertThat(created.spec()).isEqualTo(spec);
    assertThat(created.updatedAt()).isEqualTo(created.createdAt());
    assertThat(store.server(created.id())).contains(created);
    assertThat(store.serverByName("remote")).contains(created);
    assertThat(store.server(created.id()).orElseThrow().spec().headers())
        .containsExactly(
            Map.entry("Authorization", "Bearer ${env:REMOTE_TOKEN}"), Map.entry("X-Team", "core"));
  }

  @Test
  void aStdioServerReadsBackAsWritten() {
    ServerSpec spec =
        ServerSpec.builder("fs")
            .command("npx")
            .args(List.of("-y", "@modelcontextprotocol/server-filesystem", "/tmp"))
            .env(Map.of("TOKEN", "${env:FS_TOKEN}", "MODE", "ro"))
            .cwd(Optional.of("/srv"))
            .prefix(Optional.of(""))
            .build();
    ServerRecord created = store.createServer(spec);

    ServerRecord read = store.server(created.id()).orElseThrow();
    assertThat(read.spec()).isEqualTo(spec);
    UpstreamConfig config = read.toUpstreamConfig();
    assertThat(config.transport()).isEqualTo(TransportKind.STDIO);
    assertThat(config.command()).contains("npx");
    assertThat(config.env()).containsEntry("TOKEN", "${env:FS_TOKEN}");
    assertThat(config.prefix()).isEmpty();
  }

  @Test
  void serversAreListedByName() {
    store.createServer(ServerSpec.http("charlie", TransportKind.HTTP, URL));
    store.createServer(ServerSpec.http("alpha", TransportKind.SSE, URL));
    store.createServer(ServerSpec.stdio("bravo", "cat", List.of()));

    assertThat(store.servers())
        .extracting(ServerRecord::name)
        .containsExactly("alpha", "bravo", "charlie");
  }

  @Test
  void aTakenServerNameIsADuplicate() {
    store.createServer(ServerSpec.http("a", TransportKind.HTTP, URL));

    assertKind(
        () -> store.createServer(ServerSpec.stdio("a", "cat", List.of())),
        Kind.DUPLICATE,
        "server \"a\" already exists");
    assertThat(store.servers()).hasSize(1);
  }

  @Test
  void unknownServerIdsAreNotFound() {
    assertThat(store.server("no-such-id")).isEmpty();
    assertThat(store.serverByName("nobody")).isEmpty();
    assertKind(
        () -> store.updateServer("no-such-id", ServerPatch.builder().enabled(false).build()),
        Kind.NOT_FOUND,
        "server with id \"no-such-id\" not found");
    assertKind(() -> store.deleteServer("no-such-id"), Kind.NOT_FOUND, "no-such-id");
  }

  @Test
  void aPatchChangesOnlyTheFieldsItSets() {
    ServerRecord created = store.createServer(fullHttpSpec("remote"));

    ServerRecord patched =
        store.updateServer(
            created.id(),
            ServerPatch.builder()
                .deny(List.of("*echo*"))
                .description(Optional.empty())
                .timeout(Optional.empty())
                .enabled(true)
                .build());

    assertThat(patched.id()).isEqualTo(created.id());
    assertThat(patched.spec().deny()).containsExactly("*echo*");
    assertThat(patched.spec().description()).isEmpty();
    assertThat(patched.spec().timeout()).isEmpty();
    assertThat(patched.enabled()).isTrue();
    assertThat(patched.spec().headers()).isEqualTo(created.spec().headers());
    assertThat(patched.spec().allow()).isEqualTo(created.spec().allow());
    assertThat(patched.spec().url()).isEqualTo(created.spec().url());
    assertThat(patched.createdAt()).isEqualTo(created.createdAt());
    assertThat(patched.updatedAt()).isAfterOrEqualTo(created.updatedAt());
    assertThat(store.server(created.id())).contains(patched);
  }

  @Test
  void aPatchThatChangesNothingLeavesTheRecordAsItWas() {
    ServerRecord created = store.createServer(fullHttpSpec("remote"));

    assertThat(store.updateServer(created.id(), ServerPatch.builder().build())).isEqualTo(created);
    assertThat(
            store.updateServer(
                created.id(), ServerPatch.builder().name("remote").enabled(false).build()))
        .isEqualTo(created);
  }

  @Test
  void anInvalidPatchIsRefusedAndChangesNothing() {
    ServerRecord created = store.createServer(ServerSpec.http("a", TransportKind.HTTP, URL));

    assertKind(
        () -> store.updateServer(created.id(), ServerPatch.builder().url(Optional.empty()).build()),
        Kind.INVALID,
        "server \"a\": a http server needs a url");
    assertKind(
        () -> store.updateServer(created.id(), ServerPatch.builder().name("Not Valid").build()),
        Kind.INVALID,
        "\"Not Valid\"");
    assertThat(store.server(created.id())).contains(created);
  }

  @Test
  void renamingToATakenNameIsADuplicate() {
    store.createServer(ServerSpec.http("a", TransportKind.HTTP, URL));
    ServerRecord b = store.createServer(ServerSpec.http("b", TransportKind.HTTP, URL));

    assertKind(
        () -> store.updateServer(b.id(), ServerPatch.builder().name("a").build()),
        Kind.DUPLICATE,
        "server \"a\" already exists");
    assertThat(store.server(b.id())).contains(b);
  }

  @Test
  void aRenamedServerKeepsItsIdGroupsAndSnapshot() {
    ServerRecord server = store.createServer(ServerSpec.http("old", TransportKind.HTTP, URL));
    GroupRecord group = store.createGroup(GroupSpec.of("g"));
    store.setGroupMembers(group.id(), List.of("x", "old", "y"));
    store.putCatalogSnapshot(snapshot("old", "{\"tools\":[]}"));

    ServerRecord renamed =
        store.updateServer(server.id(), ServerPatch.builder().name("new").build());

    assertThat(renamed.id()).isEqualTo(server.id());
    assertThat(store.serverByName("old")).isEmpty();
    assertThat(store.serverByName("new")).contains(renamed);
    assertThat(store.groupMembers(group.id())).containsExactly("x", "new", "y");
    assertThat(store.catalogSnapshot("old")).isEmpty();
    assertThat(store.catalogSnapshot("new"))
        .map(CatalogSnapshot::catalog)
        .contains("{\"tools\":[]}");
  }

  @Test
  void deletingAServerRemovesItFromEveryGroupAndDropsItsSnapshot() {
    ServerRecord a = store.createServer(ServerSpec.http("a", TransportKind.HTTP, URL));
    store.createServer(ServerSpec.http("b", TransportKind.HTTP, URL));
    GroupRecord g1 = store.createGroup(GroupSpec.of("g1"));
    GroupRecord g2 = store.createGroup(GroupSpec.of("g2"));
    store.setGroupMembers(g1.id(), List.of("a", "b"));
    store.setGroupMembers(g2.id(), List.of("b", "a"));
    store.putCatalogSnapshot(snapshot("a", "{}"));
    store.putCatalogSnapshot(snapshot("b", "{}"));

    store.deleteServer(a.id());

    assertThat(store.server(a.id())).isEmpty();
    assertThat(store.servers()).extracting(ServerRecord::name).containsExactly("b");
    assertThat(store.groupMembers(g1.id())).containsExactly("b");
    assertThat(store.groupMembers(g2.id())).containsExactly("b");
    assertThat(store.catalogSnapshot("a")).isEmpty();
    assertThat(store.catalogSnapshot("b")).isPresent();
    assertKind(() -> store.deleteServer(a.id()), Kind.NOT_FOUND, a.id());
  }

  // --- groups

  @Test
  void groupsAreCreatedReadListedPatchedAndDeleted() {
    GroupSpec spec =
        GroupSpec.builder("analytics")
            .description(Optional.of("data tools"))
            .allow(List.of("db_*", "query?"))
            .deny(List.of("*drop*"))
            .mode(Optional.of("discovery"))
            .build();
    GroupRecord created = store.createGroup(spec);
    store.createGroup(GroupSpec.of("a-first"));

    assertThat(created.spec()).isEqualTo(spec);
    assertThat(store.group(created.id())).contains(created);
    assertThat(store.groupByName("analytics")).contains(created);
    assertThat(store.groups())
        .extracting(GroupRecord::name)
        .containsExactly("a-first", "analytics");

    GroupRecord patched =
        store.updateGroup(
            created.id(),
            GroupPatch.builder().mode(Optional.empty()).deny(List.of()).name("data").build());
    assertThat(patched.name()).isEqualTo("data");
    assertThat(patched.spec().mode()).isEmpty();
    assertThat(patched.spec().deny()).isEmpty();
    assertThat(patched.spec().allow()).containsExactly("db_*", "query?");
    assertThat(patched.spec().description()).contains("data tools");
    assertThat(patched.createdAt()).isEqualTo(created.createdAt());
    assertThat(store.group(created.id())).contains(patched);

    store.deleteGroup(created.id());
    assertThat(store.group(created.id())).isEmpty();
    assertThat(store.groups()).extracting(GroupRecord::name).containsExactly("a-first");
  }

  @Test
  void groupNamesAreUniqueAndUnknownGroupsNotFound() {
    GroupRecord g = store.createGroup(GroupSpec.of("g"));
    GroupRecord h = store.createGroup(GroupSpec.of("h"));

    assertKind(
        () -> store.createGroup(GroupSpec.of("g")), Kind.DUPLICATE, "group \"g\" already exists");
    assertKind(
        () -> store.updateGroup(h.id(), GroupPatch.builder().name("g").build()),
        Kind.DUPLICATE,
        "group \"g\" already exists");
    assertThat(store.group("nope")).isEmpty();
    assertThat(store.groupByName("nope")).isEmpty();
    assertKind(
        () -> store.updateGroup("nope", GroupPatch.builder().build()),
        Kind.NOT_FOUND,
        "group with id \"nope\" not found");
    assertKind(() -> store.deleteGroup("nope"), Kind.NOT_FOUND, "nope");
    assertKind(() -> store.groupMembers("nope"), Kind.NOT_FOUND, "nope");
    assertKind(() -> store.setGroupMembers("nope", List.of("a")), Kind.NOT_FOUND, "nope");
    assertThat(store.group(g.id())).contains(g);
  }

  @Test
  void membersKeepTheOrderTheyWereSetIn() {
    GroupRecord g = store.createGroup(GroupSpec.of("g"));
    assertThat(store.groupMembers(g.id())).isEmpty();

    assertThat(store.setGroupMembers(g.id(), List.of("charlie", "alpha", "bravo")))
        .containsExactly("charlie", "alpha", "bravo");
    assertThat(store.groupMembers(g.id())).containsExactly("charlie", "alpha", "bravo");

    store.setGroupMembers(g.id(), List.of("bravo", "charlie"));
    assertThat(store.groupMembers(g.id())).containsExactly("bravo", "charlie");

    store.setGroupMembers(g.id(), List.of());
    assertThat(store.groupMembers(g.id())).isEmpty();
  }

  @Test
  void membersMayBeServersTheStoreDoesNotHold() {
    GroupRecord g = store.createGroup(GroupSpec.of("g"));
    store.createServer(ServerSpec.http("stored", TransportKind.HTTP, URL));

    store.setGroupMembers(g.id(), List.of("from-config-file", "stored"));

    assertThat(store.groupMembers(g.id())).containsExactly("from-config-file", "stored");
  }

  @Test
  void aMalformedMemberListIsRefusedAndChangesNothing() {
    GroupRecord g = store.createGroup(GroupSpec.of("g"));
    store.setGroupMembers(g.id(), List.of("a"));

    assertKind(
        () -> store.setGroupMembers(g.id(), List.of("b", "b")), Kind.INVALID, "listed twice");
    assertKind(
        () -> store.setGroupMembers(g.id(), List.of("b", "Bad Name")),
        Kind.INVALID,
        "\"Bad Name\"");
    assertThat(store.groupMembers(g.id())).containsExactly("a");
  }

  @Test
  void deletingAGroupDropsItsMembershipButNotTheServers() {
    store.createServer(ServerSpec.http("a", TransportKind.HTTP, URL));
    GroupRecord g = store.createGroup(GroupSpec.of("g"));
    store.setGroupMembers(g.id(), List.of("a"));

    store.deleteGroup(g.id());

    assertThat(store.serverByName("a")).isPresent();
    assertKind(() -> store.groupMembers(g.id()), Kind.NOT_FOUND, g.id());
    GroupRecord again = store.createGroup(GroupSpec.of("g"));
    assertThat(store.groupMembers(again.id())).isEmpty();
  }

  // --- catalog snapshots

  @Test
  void catalogSnapshotsAreKeptExactlyAndReplaced() {
    String big =
        "{\"tools\":["
            + "{\"name\":\"echo\",\"description\":\"répète — 回声 \\u0000 \\\"quoted\\\"\"},"
            + "{\"name\":\"pad\",\"description\":\""
            + "x".repeat(200_000)
            + "\"}]}";
    Instant first = Instant.parse("2026-03-04T05:06:07.891Z");
    store.putCatalogSnapshot(new CatalogSnapshot("a", big, first));
    store.putCatalogSnapshot(new CatalogSnapshot("b", "{}", first));

    assertThat(store.catalogSnapshot("a")).contains(new CatalogSnapshot("a", big, first));
    assertThat(store.catalogSnapshot("none")).isEmpty();

    Instant later = first.plusSeconds(60);
    store.putCatalogSnapshot(new CatalogSnapshot("a", "{\"tools\":[]}", later));
    assertThat(store.catalogSnapshot("a"))
        .contains(new CatalogSnapshot("a", "{\"tools\":[]}", later));
    assertThat(store.catalogSnapshots())
        .extracting(CatalogSnapshot::server)
        .containsExactly("a", "b");

    store.deleteCatalogSnapshot("a");
    store.deleteCatalogSnapshot("not-there");
    assertThat(store.catalogSnapshots()).extracting(CatalogSnapshot::server).containsExactly("b");
  }

  // --- agents and API keys

  static String hash(char digit) {
    return String.valueOf(digit).repeat(64);
  }

  @Test
  void agentsReadBackByIdAndNameAndListInNameOrder() {
    AgentRecord beta = store.createAgent("team.beta", Optional.of("the second"));
    AgentRecord alpha = store.createAgent("alpha", Optional.empty());

    assertThat(store.agent(beta.id())).contains(beta);
    assertThat(store.agentByName("alpha")).contains(alpha);
    assertThat(store.agentByName("gamma")).isEmpty();
    assertThat(store.agents()).containsExactly(alpha, beta);
    assertThat(beta.description()).contains("the second");
  }

  @Test
  void agentNamesAreUniqueAndChecked() {
    store.createAgent("alpha", Optional.empty());

    assertKind(
        () -> store.createAgent("alpha", Optional.empty()), Kind.DUPLICATE, "already exists");
    assertKind(() -> store.createAgent("no spaces", Optional.empty()), Kind.INVALID, "team.role");
    assertKind(() -> store.createAgent("", Optional.empty()), Kind.INVALID, "invalid");
  }

  @Test
  void apiKeysKeepOnlyTheirHashAndAreFoundByIt() {
    AgentRecord alpha = store.createAgent("alpha", Optional.empty());
    ApiKeyRecord key =
        store.createApiKey(new ApiKeySpec(alpha.id(), "gh_abcd", hash('a'), Optional.of("ci")));

    assertThat(key.agentName()).isEqualTo("alpha");
    assertThat(key.active()).isTrue();
    assertThat(store.apiKeyByHash(hash('a'))).contains(key);
    assertThat(store.apiKeyByHash(hash('b'))).isEmpty();
    assertThat(store.apiKey(key.id())).contains(key);
    assertThat(store.hasActiveApiKeys()).isTrue();
    assertKind(
        () -> store.createApiKey(new ApiKeySpec(alpha.id(), "gh_x", hash('a'), Optional.empty())),
        Kind.DUPLICATE,
        "already exists");
    assertKind(
        () -> store.createApiKey(new ApiKeySpec("nobody", "gh_x", hash('c'), Optional.empty())),
        Kind.NOT_FOUND,
        "agent");
    assertKind(
        () -> new ApiKeySpec(alpha.id(), "gh_x", "not-a-hash", Optional.empty()),
        Kind.INVALID,
        "SHA-256");
  }

  @Test
  void revokedKeysStayListedButAreNoLongerActive() {
    AgentRecord beta = store.createAgent("beta", Optional.empty());
    AgentRecord alpha = store.createAgent("alpha", Optional.empty());
    ApiKeyRecord betaKey =
        store.createApiKey(new ApiKeySpec(beta.id(), "gh_b", hash('b'), Optional.empty()));
    ApiKeyRecord alphaKey =
        store.createApiKey(new ApiKeySpec(alpha.id(), "gh_a", hash('a'), Optional.empty()));
    assertThat(store.apiKeys()).containsExactly(alphaKey, betaKey);

    ApiKeyRecord revoked = store.revokeApiKey(alphaKey.id());
    assertThat(revoked.active()).isFalse();
    assertThat(store.revokeApiKey(alphaKey.id()).revokedAt()).isEqualTo(revoked.revokedAt());
    assertThat(store.apiKeyByHash(hash('a'))).contains(revoked);
    assertThat(store.hasActiveApiKeys()).isTrue();
    store.revokeApiKey(betaKey.id());
    assertThat(store.hasActiveApiKeys()).isFalse();
    assertThat(store.apiKeys()).extracting(ApiKeyRecord::active).containsExactly(false, false);
    assertKind(() -> store.revokeApiKey("nope"), Kind.NOT_FOUND, "API key");
  }

  @Test
  void deletingAnAgentDeletesItsKeys() {
    AgentRecord alpha = store.createAgent("alpha", Optional.empty());
    store.createApiKey(new ApiKeySpec(alpha.id(), "gh_a", hash('a'), Optional.empty()));

    store.deleteAgent(alpha.id());

    assertThat(store.agents()).isEmpty();
    assertThat(store.apiKeys()).isEmpty();
    assertThat(store.apiKeyByHash(hash('a'))).isEmpty();
    assertThat(store.hasActiveApiKeys()).isFalse();
    assertKind(() -> store.deleteAgent(alpha.id()), Kind.NOT_FOUND, "agent");
  }

  // --- the store itself

  @Test
  void theSchemaVersionIsTheLatestMigration() {
    assertThat(store.schemaVersion()).isEqualTo(InMemoryStore.SCHEMA_VERSION);
    assertThat(store.describe()).isNotBlank();
  }

  @Test
  void concurrentWritersDoNotCorruptTheStore() throws Exception {
    int writers = 8;
    int perWriter = 6;
    ServerRecord shared = store.createServer(ServerSpec.http("shared", TransportKind.HTTP, URL));
    GroupRecord group = store.createGroup(GroupSpec.of("g"));
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      tasks.add(() -> {
        go.await();
        for (int i = 0; i < perWriter; i++) {
          store.createServer(ServerSpec.http("w" + writer + "-" + i, TransportKind.HTTP, URL));
          store.updateServer(
              shared.id(),
              ServerPatch.builder().description(Optional.of("writer " + writer)).build());
          store.setGroupMembers(group.id(), List.of("w" + writer + "-a", "w" + writer + "-b"));
          store.putCatalogSnapshot(snapshot("shared", "{\"by\":" + writer + "}"));
        }
        try {
          store.createServer(ServerSpec.http("contested", TransportKind.HTTP, URL));
          return true;
        } catch (StoreException e) {
          assertThat(e.kind()).isEqualTo(Kind.DUPLICATE);
          return false;
        }
      });
    }
    List<Boolean> wins = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (Callable<Boolean> task : tasks) {
        futures.add(pool.submit(task));
      }
      go.countDown();
      for (Future<Boolean> future : futures) {
        wins.add(future.get(3, TimeUnit.MINUTES));
      }
    }

    assertThat(wins).containsOnlyOnce(true);
    List<ServerRecord> servers = store.servers();
    assertThat(servers).hasSize(writers * perWriter + 2);
    assertThat(servers).extracting(ServerRecord::name).doesNotHaveDuplicates();
    assertThat(store.server(shared.id()).orElseThrow().spec().description().orElseThrow())
        .startsWith("writer ");
    List<String> members = store.groupMembers(group.id());
    assertThat(members).hasSize(2);
    assertThat(members.get(1)).isEqualTo(members.get(0).replace("-a", "-b"));
    assertThat(store.catalogSnapshot("shared").orElseThrow().catalog()).startsWith("{\"by\":");
  }

  // --- fixtures

  static ServerSpec fullHttpSpec(String name) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer ${env:REMOTE_TOKEN}");
    headers.put("X-Team", "core");
    return ServerSpec.builder(name)
        .transport(TransportKind.HTTP)
        .url(URI.create("https://mcp.example.com/mcp?tenant=a%20b"))
        .headers(headers)
        .prefix(Optional.of("rem"))
        .timeout(Optional.of(Duration.ofMillis(12_345)))
        .enabled(false)
        .allow(List.of("search*", "get_?"))
        .deny(List.of("*delete*"))
        .description(Optional.of("The remote one — with ünïcode"))
        .build();
  }

  static CatalogSnapshot snapshot(String server, String json) {
    return new CatalogSnapshot(server, json, Instant.parse("2026-01-01T00:00:00.123Z"));
  }

  static void assertKind(ThrowingCallable call, Kind kind, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind))
        .hasMessageContaining(message);
  }
}
