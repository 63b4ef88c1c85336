package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.admin.AdminClient.Answer;
import dev.gatehouse.store.InMemoryStore;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private AdminServer server;

  @BeforeEach
  void start() {
    server =
        new AdminServer(
            InMemoryStore.create(), List.of(), api -> api.registrationToken(Optional.of("r")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theDocumentDescribesEveryRouteAndNothingElse() {
    Answer answer = server.client().get("/admin/openapi.json");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode doc = answer.json();
    assertThat(doc.path("openapi").asString()).startsWith("3.1");

    Set<String> documented = new HashSet<>();
    for (var path : doc.path("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
          assertThat(operation.getValue().path("responses").isEmpty()).isFalse();
        }
      }
    }
    AdminApi api = AdminApi.builder(server.directory).build();
    Set<String> routed = new HashSet<>();
    api.adminRoutes()
        .forEach(r -> routed.add(r.method() + " " + AdminApi.ADMIN_PATH + r.template()));
    api.registrationRoutes()
        .forEach(r -> routed.add(r.method() + " " + AdminApi.REGISTRY_PATH + r.template()));

    assertThat(documented).isEqualTo(routed);
  }

  @Test
  void everyReferenceResolves() {
    JsonNode doc = server.client().get("/admin/openapi.json").json();
    List<String> refs = new java.util.ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void theDocsPageIsSelfContained() {
    Answer page = server.client().get("/admin/docs");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    String html = page.raw().body();
    assertThat(html).contains("openapi.json").contains("<script>");
    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("src=");
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      for (var field : node.properties()) {
        if (field.getKey().equals("$ref")) {
          refs.add(field.getValue().asString());
        } else {
          collectRefs(field.getValue(), refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
