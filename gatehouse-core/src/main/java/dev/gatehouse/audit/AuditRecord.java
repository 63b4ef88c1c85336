package dev.gatehouse.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call outcome for the audit trail.
 *
 * @param time when the call arrived
 * @param caller the caller's identity name: its agent, or {@code anonymous}
 * @param identifiedBy how the caller was identified ({@code api_key}, {@code jwt}, {@code
 *     agent_id_argument}, {@code default_agent}, {@code credential}, {@code none})
 * @param group the group endpoint, if any
 * @param server the upstream (or plugin) that owns the tool
 * @param tool the name the caller used
 * @param originalTool the upstream's own name
 * @param decision how it ended
 * @param duration from arrival to answer, approval wait included
 * @param errorCode the stable error code when the call ended in an error
 * @param reason why it was denied, rejected or failed
 * @param toolError whether the tool itself reported a failure ({@code isError})
 * @param arguments the arguments sent; sinks decide whether to keep them
 */
public record AuditRecord(
    Instant time,
    String caller,
    String identifiedBy,
    Optional<String> group,
    String server,
    String tool,
    String originalTool,
    AuditDecision decision,
    Duration duration,
    Optional<String> errorCode,
    Optional<String> reason,
    boolean toolError,
    ObjectNode arguments) {

  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(identifiedBy, "identifiedBy");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(originalTool, "originalTool");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(arguments, "arguments");
  }
}
