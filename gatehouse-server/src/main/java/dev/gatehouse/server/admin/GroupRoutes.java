package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory;
import dev.gatehouse.registry.Directory.GroupEntry;
import dev.gatehouse.store.GroupPatch;
import dev.gatehouse.store.GroupSpec;
import dev.gatehouse.store.StoreException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /admin/groups...}: groups, their filters and their members. */
final class GroupRoutes {
  private final Directory directory;

  GroupRoutes(Directory directory) {
    this.directory = directory;
  }

  void addTo(Router router) {
    router
        .add("GET", "/groups", this::list)
        .add("POST", "/groups", this::create)
        .add("GET", "/groups/{id}", this::get)
        .add("PATCH", "/groups/{id}", this::patch)
        .add("DELETE", "/groups/{id}", this::delete)
        .add("PUT", "/groups/{id}/servers", this::setServers);
  }

  private Reply list(Call call) {
    ArrayNode groups = Json.array();
    directory.groups().forEach(group -> groups.add(GroupJson.toJson(group)));
    return Reply.ok(groups);
  }

  /**
   * Creates the group and, when the body lists {@code servers}, its members. Members are checked
   * before anything is written, so a bad member name leaves no half-made group behind.
   */
  private Reply create(Call call) {
    ObjectNode body = call.body();
    GroupSpec spec = GroupJson.spec(body);
    Optional<List<String>> members = GroupJson.members(body);
    members.ifPresent(this::checkServersExist);
    GroupEntry group = directory.createGroup(spec);
    if (members.isPresent()) {
      group = directory.setMembers(group.record().id(), members.get());
    }
    reloadIfAsked(call);
    return Reply.created(GroupJson.toJson(group));
  }

  private Reply get(Call call) {
    return Reply.ok(GroupJson.toJson(entry(call)));
  }

  private Reply patch(Call call) {
    GroupEntry current = entry(call);
    ObjectNode body = call.body();
    GroupPatch patch = GroupJson.patch(body);
    Optional<List<String>> members = GroupJson.members(body);
    members.ifPresent(this::checkServersExist);
    GroupEntry updated = directory.updateGroup(current.record().id(), patch);
    if (members.isPresent()) {
      updated = directory.setMembers(updated.record().id(), members.get());
    }
    reloadIfAsked(call);
    return Reply.ok(GroupJson.toJson(updated));
  }

  private Reply delete(Call call) {
    directory.deleteGroup(entry(call).record().id());
    reloadIfAsked(call);
    return Reply.noContent();
  }

  /** Replaces the members with {@code {"servers": [...]}}, in that order. */
  private Reply setServers(Call call) {
    GroupEntry group = entry(call);
    ObjectNode body = call.body();
    JsonFields.onlyKnown(body, java.util.Set.of("servers"), java.util.Set.of());
    List<String> servers =
        GroupJson.members(body)
            .orElseThrow(() -> ApiException.invalid("servers", "\"servers\" is required"));
    GroupEntry updated = directory.setMembers(group.record().id(), servers);
    reloadIfAsked(call);
    return Reply.ok(GroupJson.toJson(updated));
  }

  private void checkServersExist(List<String> names) {
    List<String> known = directory.servers().stream().map(s -> s.name()).toList();
    for (String name : names) {
      if (!known.contains(name)) {
        throw StoreException.invalid(
            GroupSpec.ENTITY, null, "servers", "no server named \"" + name + "\"");
      }
    }
  }

  private GroupEntry entry(Call call) {
    String id = call.param("id");
    return directory
        .group(id)
        .orElseThrow(() -> ApiException.notFound("group with id or name \"" + id + "\" not found"));
  }

  private void reloadIfAsked(Call call) {
    if (call.flag("reload")) {
      directory.reload();
    }
  }
}
