package dev.gatehouse.agent;

import dev.gatehouse.policy.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One list of a rules file ({@code servers}, or a server's {@code tools}): names matched as they
 * are, and patterns with {@code *} or {@code ?} matched as globs.
 */
final class NamePatterns {
  static final NamePatterns NONE = new NamePatterns(List.of());

  private final List<String> written;
  private final Set<String> exact;
  private final List<Glob> wildcards;

  NamePatterns(List<String> written) {
    this.written = List.copyOf(written);
    List<Glob> globs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String item : written) {
      if (isWildcard(item)) {
        globs.add(Glob.of(item));
      } else {
        names.add(item);
      }
    }
    this.exact = Set.copyOf(names);
    this.wildcards = List.copyOf(globs);
  }

  static boolean isWildcard(String item) {
    return item.indexOf('*') >= 0 || item.indexOf('?') >= 0;
  }

  List<String> written() {
    return written;
  }

  boolean isEmpty() {
    return written.isEmpty();
  }

  boolean names(String name) {
    return exact.contains(name);
  }

  /** The first wildcard pattern that matches {@code name}. */
  Optional<String> wildcardMatch(String name) {
    for (Glob glob : wildcards) {
      if (glob.matches(name)) {
        return Optional.of(glob.toString());
      }
    }
    return Optional.empty();
  }

  /** Both lists in one: the tool rules of several keys of a {@code tools} map that apply. */
  NamePatterns plus(NamePatterns other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    List<String> both = new ArrayList<>(written);
    both.addAll(other.written);
    return new NamePatterns(both);
  }
}
