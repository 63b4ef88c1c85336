package dev.gatehouse.agent;

import dev.gatehouse.hook.Identity;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a request comes from once credentials, arguments and defaults have been weighed.
 *
 * @param agent the agent whose rules apply; empty when there is none
 * @param by how it was established
 * @param identity the caller as hooks and audit see it: the agent's name (or {@code anonymous})
 *     with an {@code identified_by} attribute, plus whatever the credential's authenticator learnt
 */
public record ResolvedAgent(Optional<String> agent, IdentifiedBy by, Identity identity) {

  public ResolvedAgent {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(identity, "identity");
  }

  /** Nobody: no credential, no argument, no fallback. */
  public static ResolvedAgent none() {
    return new ResolvedAgent(Optional.empty(), IdentifiedBy.NONE, Identity.ANONYMOUS);
  }

  /** The agent {@code name}, established {@code by}; {@code base} adds what a credential learnt. */
  static ResolvedAgent of(String name, IdentifiedBy by, Map<String, String> base) {
    Map<String, String> attributes = new HashMap<>(base);
    attributes.put(IdentifiedBy.ATTRIBUTE, by.id());
    return new ResolvedAgent(Optional.of(name), by, new Identity(name, attributes));
  }
}
