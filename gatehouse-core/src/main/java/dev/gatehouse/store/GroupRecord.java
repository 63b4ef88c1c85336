package dev.gatehouse.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored group: its {@link GroupSpec} plus what the store assigned. Its members are read with
 * {@link Store#groupMembers}.
 *
 * @param id assigned by the store at creation, never changes (a rename keeps it)
 * @param spec the group as written
 * @param createdAt when it was created, to the millisecond
 * @param updatedAt when it last changed, to the millisecond; setting members does not count
 */
public record GroupRecord(String id, GroupSpec spec, Instant createdAt, Instant updatedAt) {

  public GroupRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public String name() {
    return spec.name();
  }
}
