package dev.gatehouse.httpclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** The header fields of a request or response, in order; names compare without case. */
public final class HttpHeaders {
  private static final HttpHeaders EMPTY = new HttpHeaders(List.of());

  /** One field. */
  public record Field(String name, String value) {}

  private final List<Field> fields;

  private HttpHeaders(List<Field> fields) {
    this.fields = fields;
  }

  static HttpHeaders of(List<Field> fields) {
    return fields.isEmpty() ? EMPTY : new HttpHeaders(List.copyOf(fields));
  }

  public List<Field> fields() {
    return fields;
  }

  /** The first value of the named field. */
  public Optional<String> firstValue(String name) {
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return Optional.of(field.value());
      }
    }
    return Optional.empty();
  }

  /** The first value of the named field as a number, when it is one. */
  public OptionalLong firstValueAsLong(String name) {
    Optional<String> value = firstValue(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Every value of the named field. */
  public List<String> allValues(String name) {
    List<String> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        values.add(field.value());
      }
    }
    return values;
  }

  /** Whether a comma-separated field (such as Connection) holds {@code token}. */
  boolean hasToken(String name, String token) {
    for (String value : allValues(name)) {
      for (String part : value.split(",")) {
        if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return fields.toString();
  }
}
