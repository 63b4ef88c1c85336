package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.admin.AdminClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminGroupsApiTest {
  private AdminServer server;
  private AdminClient admin;

  @BeforeEach
  void start() {
    server = AdminServer.inMemory();
    admin = server.client();
    admin.post("/admin/servers", "{\"name\": \"a\", \"url\": \"http://127.0.0.1:1/mcp\"}");
    admin.post("/admin/servers", "{\"name\": \"b\", \"url\": \"http://127.0.0.1:2/mcp\"}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aGroupIsCreatedWithMembersAndReadBackByIdOrName() {
    Answer created =
        admin.post(
            "/admin/groups",
            "{\"name\": \"g1\", \"description\": \"first\", \"deny\": [\"*echo*\"], \"servers\": [\"a\"]}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode group = created.json();
    assertThat(group.path("servers").toString()).isEqualTo("[\"a\"]");
    assertThat(group.path("deny").toString()).isEqualTo("[\"*echo*\"]");
    assertThat(group.path("endpoint").asString()).isEqualTo("/mcp/g/g1");
    String id = group.path("id").asString();
    assertThat(admin.get("/admin/groups/" + id).json().path("name").asString()).isEqualTo("g1");
    assertThat(admin.get("/admin/groups/g1").json().path("id").asString()).isEqualTo(id);
    assertThat(admin.get("/admin/groups").json().size()).isEqualTo(1);
  }

  @Test
  void membersAreReplacedWithPutAndAppliedOnReload() {
    admin.post("/admin/groups", "{\"name\": \"g1\"}");

    Answer put = admin.put("/admin/groups/g1/servers", "{\"servers\": [\"b\", \"a\"]}");

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("servers").toString()).isEqualTo("[\"b\",\"a\"]");
    assertThat(server.directory.groupView("g1")).isEmpty();
    admin.post("/admin/reload");
    assertThat(server.directory.groupView("g1")).isPresent();
    assertThat(server.directory.groupView("g1").get().server("a")).isTrue();
  }

  @Test
  void unknownMembersAre422AndLeaveNoGroupBehind() {
    Answer created = admin.post("/admin/groups", "{\"name\": \"g1\", \"servers\": [\"zzz\"]}");
    assertThat(created.status()).isEqualTo(422);
    assertThat(created.errorField()).isEqualTo("servers");
    assertThat(admin.get("/admin/groups/g1").status()).isEqualTo(404);

    admin.post("/admin/groups", "{\"name\": \"g1\"}");
    Answer put = admin.put("/admin/groups/g1/servers", "{\"servers\": [\"a\", \"a\"]}");
    assertThat(put.status()).isEqualTo(422);
    assertThat(put.errorField()).isEqualTo("servers");
    Answer missing = admin.put("/admin/groups/g1/servers", "{}");
    assertThat(missing.status()).isEqualTo(422);
  }

  @Test
  void patchRenamesAndDeleteRemoves() {
    admin.post("/admin/groups", "{\"name\": \"g1\", \"servers\": [\"a\"]}");

    Answer renamed = admin.patch("/admin/groups/g1", "{\"name\": \"g2\", \"allow\": [\"a_*\"]}");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().path("name").asString()).isEqualTo("g2");
    assertThat(renamed.json().path("servers").toString()).isEqualTo("[\"a\"]");

    assertThat(admin.delete("/admin/groups/g2").status()).isEqualTo(204);
    assertThat(admin.get("/admin/groups/g2").status()).isEqualTo(404);
    assertThat(admin.get("/admin/servers/a").status()).as("servers stay").isEqualTo(200);
  }

  @Test
  void duplicatesInvalidNamesAndUnknownIdsAreRefused() {
    admin.post("/admin/groups", "{\"name\": \"g1\"}");
    assertThat(admin.post("/admin/groups", "{\"name\": \"g1\"}").status()).isEqualTo(409);
    Answer invalid = admin.post("/admin/groups", "{\"name\": \"G 1\"}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorField()).isEqualTo("name");
    assertThat(admin.get("/admin/groups/nope").status()).isEqualTo(404);
    assertThat(admin.patch("/admin/groups/nope", "{}").status()).isEqualTo(404);
    assertThat(admin.delete("/admin/groups/nope").status()).isEqualTo(404);
    assertThat(admin.put("/admin/groups/nope/servers", "{\"servers\": []}").status())
        .isEqualTo(404);
    assertThat(admin.post("/admin/groups", "not json").status()).isEqualTo(400);
  }

  @Test
  void deletingAServerTakesItOutOfItsGroups() {
    admin.post("/admin/groups", "{\"name\": \"g1\", \"servers\": [\"a\", \"b\"]}");

    admin.delete("/admin/servers/a");

    assertThat(admin.get("/admin/groups/g1").json().path("servers").toString())
        .isEqualTo("[\"b\"]");
  }
}
