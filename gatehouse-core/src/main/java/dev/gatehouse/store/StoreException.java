package dev.gatehouse.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The one failure of a {@link Store}: a {@link Kind} that each edge maps once (the admin API to an
 * HTTP status, the CLI to a one-line reason), and a message for people that names the entity and,
 * where there is one, the field at fault.
 */
public final class StoreException extends RuntimeException {

  /** What went wrong, independent of the backend. */
  public enum Kind {
    /** No entity with the given id or name. */
    NOT_FOUND,
    /** A unique name is taken. */
    DUPLICATE,
    /** A value breaks a rule of the record; {@link #field()} names it. */
    INVALID,
    /** The backend cannot be reached, opened or written. */
    UNAVAILABLE,
    /** The entity exists but may not be changed here (a server managed by the config file). */
    READ_ONLY
  }

  private final Kind kind;
  private final String entity;
  private final String field;

  private StoreException(Kind kind, String entity, String field, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.entity = entity;
    this.field = field;
  }

  /** {@code server with id "x" not found}. */
  public static StoreException notFound(String entity, String field, String value) {
    return new StoreException(
        Kind.NOT_FOUND,
        entity,
        field,
        entity + " with " + field + " \"" + value + "\" not found",
        null);
  }

  /** {@code server "x" already exists}, about the unique {@code name}. */
  public static StoreException duplicate(String entity, String name) {
    return new StoreException(
        Kind.DUPLICATE, entity, "name", entity + " \"" + name + "\" already exists", null);
  }

  /** {@code server "x": url must be ...}; the message is the part after the colon. */
  public static StoreException invalid(String entity, String name, String field, String message) {
    String subject = name == null || name.isEmpty() ? entity : entity + " \"" + name + "\"";
    return new StoreException(Kind.INVALID, entity, field, subject + ": " + message, null);
  }

  /** The backend failed; the message says what and where. */
  public static StoreException readOnly(String entity, String name, String why) {
    return new StoreException(
        Kind.READ_ONLY, entity, "name", entity + " \"" + name + "\" " + why, null);
  }

  public static StoreException unavailable(String message, Throwable cause) {
    return new StoreException(Kind.UNAVAILABLE, null, null, message, cause);
  }

  public Kind kind() {
    return kind;
  }

  /** The kind of record concerned ({@code server}, {@code group}, ...), when one is. */
  public Optional<String> entity() {
    return Optional.ofNullable(entity);
  }

  /** The field at fault ({@code name}, {@code url}, ...), when one is. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
