package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.admin.AdminClient.Answer;
import dev.gatehouse.store.InMemoryStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrationApiTest {
  private static final String TOKEN = "registration-secret";
  private TinyUpstream apollo;
  private AdminServer server;
  private AdminClient registry;

  @BeforeEach
  void start() {
    apollo = new TinyUpstream("apollo", List.of("search", "enrich"));
    server =
        new AdminServer(
            InMemoryStore.create(), List.of(), api -> api.registrationToken(Optional.of(TOKEN)));
    registry = server.client().withToken(TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
    apollo.close();
  }

  @Test
  void registeringAnswersWithTheToolsDiscovered() {
    Answer registered =
        registry.post(
            "/registry/servers",
            "{\"domain\": \"apollo\", \"url\": \""
                + apollo.url()
                + "\", \"description\": \"CRM\"}");

    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.json().path("registered").asString()).isEqualTo("apollo");
    assertThat(registered.json().path("state").asString()).isEqualTo("ready");
    assertThat(registered.json().path("tools_discovered").asInt()).isEqualTo(2);
    assertThat(registered.json().path("tools_added").toString())
        .isEqualTo("[\"apollo_search\",\"apollo_enrich\"]");
    assertThat(server.registry.catalog().tools()).hasSize(2);

    Answer listed = registry.get("/registry/servers");
    assertThat(listed.json().path("servers").get(0).path("name").asString()).isEqualTo("apollo");
    assertThat(listed.json().path("servers").get(0).path("state").asString()).isEqualTo("ready");
  }

  @Test
  void deregisteringDisconnects() {
    registry.post("/registry/servers", "{\"name\": \"apollo\", \"url\": \"" + apollo.url() + "\"}");

    Answer gone = registry.delete("/registry/servers/apollo");

    assertThat(gone.status()).isEqualTo(200);
    assertThat(server.registry.connection("apollo")).isEmpty();
    assertThat(server.directory.server("apollo")).isEmpty();
    assertThat(registry.delete("/registry/servers/apollo").status()).isEqualTo(404);
  }

  @Test
  void stdioServersCannotBeRegistered() {
    Answer answer = registry.post("/registry/servers", "{\"name\": \"sh\", \"command\": \"sh\"}");
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorField()).isEqualTo("command");
    assertThat(server.directory.servers()).isEmpty();
  }

  @Test
  void anUnreachableServerIsRegisteredAndSaysWhy() {
    Answer answer =
        registry.post(
            "/registry/servers",
            "{\"name\": \"gone\", \"url\": \"http://127.0.0.1:1/mcp\", \"transport\": \"http\"}");
    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.json().path("tools_discovered").asInt()).isZero();
    assertThat(answer.json().path("state").asString()).isNotEqualTo("ready");
  }

  @Test
  void theTokenIsRequired() {
    assertThat(server.client().get("/registry/servers").status()).isEqualTo(401);
    assertThat(server.client().withToken("nope").post("/registry/servers", "{}").status())
        .isEqualTo(401);
    assertThat(registry.post("/registry/servers", "{\"name\": \"x\",").status()).isEqualTo(400);
    assertThat(
            registry
                .post(
                    "/registry/servers",
                    "{\"name\": \"apollo\", \"url\": \"" + apollo.url() + "\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            registry
                .post(
                    "/registry/servers",
                    "{\"name\": \"apollo\", \"url\": \"" + apollo.url() + "\"}")
                .status())
        .isEqualTo(409);
  }
}
