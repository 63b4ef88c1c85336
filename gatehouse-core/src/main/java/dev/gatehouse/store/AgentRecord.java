package dev.gatehouse.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An agent the store knows: a name that API keys identify. What an agent may use is decided by the
 * rules (the config's {@code agents} or its {@code rules_file}), not here.
 *
 * @param id assigned by the store at creation
 * @param name unique; letters, digits, {@code -}, {@code _} and {@code .} (hierarchical names like
 *     {@code team.role}), at most 64 characters
 * @param description for people
 * @param createdAt when it was created, to the millisecond
 */
public record AgentRecord(String id, String name, Optional<String> description, Instant createdAt) {

  public static final String ENTITY = "agent";

  /** What an agent name may hold, in the rules and in the store alike. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public AgentRecord {
    Objects.requireNonNull(id, "id");
    name = checkName(name);
    Objects.requireNonNull(description, "description");
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * @throws StoreException INVALID naming the rule when {@code name} is not a valid agent name
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw StoreException.invalid(
          ENTITY,
          null,
          "name",
          "name \""
              + name
              + "\" is invalid: use 1 to 64 letters, digits, '-', '_' and '.' (such as team.role)");
    }
    return name;
  }
}
