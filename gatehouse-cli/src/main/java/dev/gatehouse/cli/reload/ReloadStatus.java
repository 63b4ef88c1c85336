package dev.gatehouse.cli.reload;

import dev.gatehouse.protocol.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reload history of one source (the config file, the rules file): last attempt, last success,
 * the last attempt's error (none once one succeeds again), counts and warnings. Thread-safe.
 */
public final class ReloadStatus {
  private final Clock clock;
  private Optional<Path> path = Optional.empty();
  private Instant lastAttempt;
  private Instant lastSuccess;
  private String lastError;
  private long attempts;
  private long successes;
  private List<String> warnings = List.of();

  ReloadStatus(Clock clock) {
    this.clock = clock;
  }

  synchronized void watching(Optional<Path> file) {
    this.path = file;
  }

  synchronized void succeeded(List<String> newWarnings) {
    Instant now = now();
    lastAttempt = now;
    lastSuccess = now;
    lastError = null;
    attempts++;
    successes++;
    warnings = List.copyOf(newWarnings);
  }

  synchronized void failed(String error) {
    lastAttempt = now();
    lastError = error;
    attempts++;
  }

  /** The last attempt's error, if it failed. */
  public synchronized Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public synchronized long successes() {
    return successes;
  }

  public synchronized List<String> warnings() {
    return warnings;
  }

  public synchronized ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("path", path.map(p -> p.toAbsolutePath().toString()).orElse(null));
    json.put("last_attempt", lastAttempt == null ? null : lastAttempt.toString());
    json.put("last_success", lastSuccess == null ? null : lastSuccess.toString());
    json.put("last_error", lastError);
    json.put("attempt_count", attempts);
    json.put("success_count", successes);
    warnings.forEach(json.putArray("warnings")::add);
    return json;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
