package dev.gatehouse.store;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The rules for a group's member list, shared by every store. */
public final class MemberNames {
  private MemberNames() {}

  /**
   * The list as a store keeps it: every entry a server name, none twice, order kept.
   *
   * @throws StoreException INVALID naming the field {@code servers}
   */
  public static List<String> check(List<String> serverNames) {
    Objects.requireNonNull(serverNames, "serverNames");
    Set<String> seen = new HashSet<>();
    for (String name : serverNames) {
      RecordRules.name(GroupSpec.ENTITY, "servers", name);
      if (!seen.add(name)) {
        throw StoreException.invalid(
            GroupSpec.ENTITY, null, "servers", "server \"" + name + "\" is listed twice");
      }
    }
    return List.copyOf(serverNames);
  }
}
