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
  private final List<Glob> allowGlobs;
  private final List<Glob> denyGlobs;

  private AllowDeny(List<String> allow, List<String> deny) {
    this.allow = List.copyOf(allow);
    this.deny = List.copyOf(deny);
    this.allowGlobs = this.allow.stream().map(Glob::of).toList();
    this.denyGlobs = this.deny.stream().map(Glob::of).toList();
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

  public boolean permits(String... names) {
    for (String name : names) {
      for (Glob glob : denyGlobs) {
        if (glob.matches(name)) {
          return false;
        }
      }
    }
    if (allowGlobs.isEmpty()) {
      return true;
    }
    for (String name : names) {
      for (Glob glob : allowGlobs) {
        if (glob.matches(name)) {
          return true;
        }
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
