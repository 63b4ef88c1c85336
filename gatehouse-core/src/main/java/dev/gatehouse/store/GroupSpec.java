package dev.gatehouse.store;

import dev.gatehouse.discovery.EndpointMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a group is, as written: everything but its id, timestamps and members. The group's own allow
 * and deny lists apply on top of each member server's.
 *
 * @param name unique among groups, {@code [a-z0-9-]+}; the group is served at {@code /mcp/g/{name}}
 * @param description for people
 * @param allow tool and prompt name globs to expose; empty exposes all
 * @param deny tool and prompt name globs to hide; deny wins over allow
 * @param mode how the group's endpoint presents tools ({@code flat}, {@code discovery}, ...); empty
 *     means the gateway's default. Stored as written; the gateway checks the value.
 */
public record GroupSpec(
    String name,
    Optional<String> description,
    List<String> allow,
    List<String> deny,
    Optional<String> mode) {

  public static final String ENTITY = "group";

  public GroupSpec {
    name = RecordRules.name(ENTITY, name);
    description = RecordRules.present(description, "description");
    allow = RecordRules.globs(ENTITY, name, "allow", allow);
    deny = RecordRules.globs(ENTITY, name, "deny", deny);
    mode = RecordRules.present(mode, "mode");
    if (mode.isPresent()) {
      try {
        EndpointMode.parse(mode.get());
      } catch (IllegalArgumentException e) {
        throw StoreException.invalid(ENTITY, name, "mode", e.getMessage());
      }
    }
  }

  /** A group with no description, no filters and the default mode. */
  public static GroupSpec of(String name) {
    return new GroupSpec(name, Optional.empty(), List.of(), List.of(), Optional.empty());
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    return new Builder(name).description(description).allow(allow).deny(deny).mode(mode);
  }

  /** Collects a group's values; {@link #build()} checks them. */
  public static final class Builder {
    private String name;
    private Optional<String> description = Optional.empty();
    private List<String> allow = new ArrayList<>();
    private List<String> deny = new ArrayList<>();
    private Optional<String> mode = Optional.empty();

    private Builder(String name) {
      this.name = name;
    }

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder description(Optional<String> value) {
      this.description = Objects.requireNonNull(value, "description");
      return this;
    }

    public Builder allow(List<String> value) {
      this.allow = new ArrayList<>(value);
      return this;
    }

    public Builder deny(List<String> value) {
      this.deny = new ArrayList<>(value);
      return this;
    }

    public Builder mode(Optional<String> value) {
      this.mode = Objects.requireNonNull(value, "mode");
      return this;
    }

    /**
     * @throws StoreException of kind INVALID, naming the field, when a rule is broken
     */
    public GroupSpec build() {
      return new GroupSpec(name, description, allow, deny, mode);
    }
  }
}
