package dev.gatehouse.store;

import dev.gatehouse.upstream.UpstreamConfig;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The rules that stored records share: names, glob lists, ordered immutable copies. */
final class RecordRules {
  /** Long enough for any sensible name, short enough to fit every prefix and URL path. */
  static final int MAX_NAME_LENGTH = 64;

  private RecordRules() {}

  /** A {@code [a-z0-9-]+} name, as server and group names must be. */
  static String name(String entity, String name) {
    return name(entity, "name", name);
  }

  /** A {@code [a-z0-9-]+} name held in {@code field}. */
  static String name(String entity, String field, String name) {
    if (name == null || name.isEmpty()) {
      throw StoreException.invalid(entity, null, field, field + " is required");
    }
    if (name.length() > MAX_NAME_LENGTH || !UpstreamConfig.NAME.matcher(name).matches()) {
      throw StoreException.invalid(
          entity,
          null,
          field,
          field
              + " \""
              + name
              + "\" is invalid: use 1 to "
              + MAX_NAME_LENGTH
              + " lowercase letters, digits and '-'");
    }
    return name;
  }

  /** An allow or deny list: non-blank glob patterns, order kept, no duplicates. */
  static List<String> globs(String entity, String name, String field, List<String> globs) {
    Objects.requireNonNull(globs, field);
    Set<String> seen = new HashSet<>();
    for (String glob : globs) {
      if (glob == null || glob.isBlank()) {
        throw StoreException.invalid(entity, name, field, field + " holds an empty pattern");
      }
      if (!seen.add(glob)) {
        throw StoreException.invalid(entity, name, field, field + " holds \"" + glob + "\" twice");
      }
    }
    return List.copyOf(globs);
  }

  /** An immutable copy that keeps the caller's order, so records read back as they were written. */
  static Map<String, String> orderedCopy(Map<String, String> map, String field) {
    Objects.requireNonNull(map, field);
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static <T> Optional<T> present(Optional<T> value, String field) {
    return Objects.requireNonNull(value, field);
  }
}
