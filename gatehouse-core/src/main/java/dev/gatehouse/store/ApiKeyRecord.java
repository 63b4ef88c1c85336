package dev.gatehouse.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored API key: what {@link ApiKeySpec} wrote, the agent's name, and when it was created and
 * revoked. A revoked key is kept (listings show it) but identifies no one.
 *
 * @param id assigned by the store
 * @param agentName the name of the agent the key identifies
 * @param createdAt to the millisecond
 * @param revokedAt when it was revoked, if it was
 */
public record ApiKeyRecord(
    String id, ApiKeySpec spec, String agentName, Instant createdAt, Optional<Instant> revokedAt) {

  public ApiKeyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(agentName, "agentName");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  public boolean active() {
    return revokedAt.isEmpty();
  }

  public String prefix() {
    return spec.prefix();
  }
}
