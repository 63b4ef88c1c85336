package dev.gatehouse.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A partial update of a group (PATCH semantics): only the fields set here change; an optional field
 * is cleared with {@link Optional#empty()}. Members change through {@link Store#setGroupMembers}.
 */
public final class GroupPatch {
  private final Map<String, Consumer<GroupSpec.Builder>> changes;

  private GroupPatch(Map<String, Consumer<GroupSpec.Builder>> changes) {
    this.changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The spec with this patch's changes applied; throws INVALID when the result breaks a rule. */
  public GroupSpec applyTo(GroupSpec spec) {
    GroupSpec.Builder builder = spec.toBuilder();
    changes.values().forEach(change -> change.accept(builder));
    return builder.build();
  }

  /** The names of the fields this patch sets, in the order they were set. */
  public Set<String> fields() {
    return changes.keySet();
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Collects the fields to change; setting a field twice keeps the last value. */
  public static final class Builder {
    private final Map<String, Consumer<GroupSpec.Builder>> changes = new LinkedHashMap<>();

    private Builder() {}

    private Builder set(String field, Consumer<GroupSpec.Builder> change) {
      changes.remove(field);
      changes.put(field, change);
      return this;
    }

    public Builder name(String value) {
      return set("name", b -> b.name(value));
    }

    public Builder description(Optional<String> value) {
      return set("description", b -> b.description(value));
    }

    public Builder allow(List<String> value) {
      List<String> copy = List.copyOf(value);
      return set("allow", b -> b.allow(copy));
    }

    public Builder deny(List<String> value) {
      List<String> copy = List.copyOf(value);
      return set("deny", b -> b.deny(copy));
    }

    public Builder mode(Optional<String> value) {
      return set("mode", b -> b.mode(value));
    }

    public GroupPatch build() {
      return new GroupPatch(changes);
    }
  }
}
