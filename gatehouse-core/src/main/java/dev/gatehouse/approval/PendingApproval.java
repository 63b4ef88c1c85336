package dev.gatehouse.approval;

import dev.gatehouse.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A call waiting for a human's decision.
 *
 * @param id random and unguessable; names the approval in the JSON API
 * @param tool the name the caller used
 * @param server the upstream that owns the tool
 * @param originalTool the upstream's own name
 * @param arguments the arguments the call would send (a copy)
 * @param reason why it needs approval
 * @param caller who calls
 * @param group the group endpoint it came through, if any
 * @param createdAt when it started waiting
 * @param expiresAt when it is denied unless decided
 */
public record PendingApproval(
    String id,
    String tool,
    String server,
    String originalTool,
    ObjectNode arguments,
    String reason,
    String caller,
    Optional<String> group,
    Instant createdAt,
    Instant expiresAt) {

  public PendingApproval {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(originalTool, "originalTool");
    arguments = arguments.deepCopy();
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The JSON form of the API and of webhook posts; ages are as of {@code now}. */
  public ObjectNode toJson(Instant now) {
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("tool", tool);
    json.put("server", server);
    json.put("original_tool", originalTool);
    json.set("arguments", arguments.deepCopy());
    json.put("reason", reason);
    json.put("caller", caller);
    json.put("group", group.orElse(null));
    json.put("created_at", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
    json.put("expires_at", expiresAt.truncatedTo(ChronoUnit.MILLIS).toString());
    json.put("age_seconds", Math.max(0, Duration.between(createdAt, now).toSeconds()));
    json.put("expires_in_seconds", Math.max(0, Duration.between(now, expiresAt).toSeconds()));
    return json;
  }
}
