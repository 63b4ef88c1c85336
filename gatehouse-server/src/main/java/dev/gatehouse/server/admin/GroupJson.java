package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory.GroupEntry;
import dev.gatehouse.store.GroupPatch;
import dev.gatehouse.store.GroupRecord;
import dev.gatehouse.store.GroupSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A group as the admin API writes and reads it, in snake_case, with its members. */
final class GroupJson {
  static final Set<String> WRITABLE = Set.of("name", "description", "allow", "deny", "mode");
  static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "endpoint");
  private static final String SERVERS = "servers";

  private GroupJson() {}

  static ObjectNode toJson(GroupEntry entry) {
    GroupRecord record = entry.record();
    GroupSpec spec = record.spec();
    ObjectNode json = Json.object();
    json.put("id", record.id());
    json.put("name", spec.name());
    JsonFields.optional(json, "description", spec.description());
    JsonFields.array(json, "allow", spec.allow());
    JsonFields.array(json, "deny", spec.deny());
    JsonFields.optional(json, "mode", spec.mode());
    JsonFields.array(json, SERVERS, entry.members());
    json.put("endpoint", "/mcp/g/" + spec.name());
    json.put("created_at", record.createdAt().toString());
    json.put("updated_at", record.updatedAt().toString());
    return json;
  }

  /** A new group from a POST body; {@code servers}, if given, is read by {@link #members}. */
  static GroupSpec spec(ObjectNode body) {
    JsonFields.onlyKnown(body, withServers(), READ_ONLY);
    String name =
        JsonFields.text(body, "name")
            .orElseThrow(() -> ApiException.invalid("name", "\"name\" is required"));
    return GroupSpec.builder(name)
        .description(JsonFields.text(body, "description"))
        .allow(JsonFields.strings(body, "allow"))
        .deny(JsonFields.strings(body, "deny"))
        .mode(JsonFields.text(body, "mode"))
        .build();
  }

  /** A PATCH body: only the fields present change; {@code null} clears an optional field. */
  static GroupPatch patch(ObjectNode body) {
    JsonFields.onlyKnown(body, withServers(), READ_ONLY);
    GroupPatch.Builder patch = GroupPatch.builder();
    if (body.has("name")) {
      patch.name(
          JsonFields.text(body, "name")
              .orElseThrow(() -> ApiException.invalid("name", "\"name\" cannot be cleared")));
    }
    if (body.has("description")) {
      patch.description(JsonFields.text(body, "description"));
    }
    if (body.has("allow")) {
      patch.allow(JsonFields.strings(body, "allow"));
    }
    if (body.has("deny")) {
      patch.deny(JsonFields.strings(body, "deny"));
    }
    if (body.has("mode")) {
      patch.mode(JsonFields.text(body, "mode"));
    }
    return patch.build();
  }

  /** The {@code servers} list of a body, when it has one. */
  static Optional<List<String>> members(ObjectNode body) {
    JsonNode value = body.get(SERVERS);
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(JsonFields.strings(body, SERVERS));
  }

  private static Set<String> withServers() {
    return Set.of("name", "description", "allow", "deny", "mode", SERVERS);
  }
}
