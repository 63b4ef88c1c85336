package dev.gatehouse.policy;

import java.util.List;
import java.util.Objects;

/**
 * Allow and deny glob lists: a name is permitted when no deny glob matches it and the allow list is
 * empty or one of its globs matches. Deny wins. A thing with several names (a tool's namespaced and
 * original name) is denied when any of them is denied and allowed when any is allowed.
 */
public final class AllowDeny {
  private static final AllowDeny ALL = new AllowDeny(List.of(), List.of());

  private final List<String> allow;
  private final List<String> deny;
  private final GlobSet allowGlobs;
  private final GlobSet denyGlobs;

  private AllowDeny(List<String> allow, List<String> deny) {
    this.allow = List.copyOf(allow);
    this.deny = List.copyOf(deny);
    this.allowGlobs = GlobSet.of(this.allow);
    this.denyGlobs = GlobSet.of(this.deny);
  }

  public static AllowDeny of(List<String> allow, List<String> deny) {
    return allow.isEmpty() && deny.isEmpty() ? ALL : new AllowDeny(allow, deny);
  }

  /** Permits everything. */
  public static AllowDeny all() {
    return ALL;
  }

  public List<String> allow() {
    return allow;
  }

  public List<String> deny() {
    return deny;
  }

  public boolean permitsEverything() {
    return allow.isEmpty() && deny.isEmpty();
  }

  /**
   * Whether these names of one thing pass. Each list is one automaton, so the cost is one pass over
   * each name per list however many globs the lists hold.
   */
  public boolean permits(String... names) {
    for (String name : names) {
      if (denyGlobs.matches(name)) {
        return false;
      }
    }
    if (allow.isEmpty()) {
      return true;
    }
    for (String name : names) {
      if (allowGlobs.matches(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AllowDeny other && allow.equals(other.allow) && deny.equals(other.deny);
  }

  @Override
  public int hashCode() {
    return Objects.hash(allow, deny);
  }

  @Override
  public String toString() {
    return "allow=" + allow + " deny=" + deny;
  }
}
