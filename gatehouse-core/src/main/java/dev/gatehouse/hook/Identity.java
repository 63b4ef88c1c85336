package dev.gatehouse.hook;

import java.util.Map;
import java.util.Objects;

/**
 * Who is calling, as an {@link Authenticator} established it from the request's credentials.
 *
 * @param name a stable name for the caller (an agent, a user, a service); {@code anonymous} when
 *     nothing identified it
 * @param attributes whatever else the authenticator learnt (roles, tenant, token subject); never
 *     the credential itself
 */
public record Identity(String name, Map<String, String> attributes) {
  /** The caller when no authenticator recognised the request. */
  public static final Identity ANONYMOUS = new Identity("anonymous", Map.of());

  public Identity {
    Objects.requireNonNull(name, "name");
    attributes = Map.copyOf(attributes);
  }

  public static Identity of(String name) {
    return new Identity(name, Map.of());
  }

  public boolean isAnonymous() {
    return this.equals(ANONYMOUS);
  }
}
