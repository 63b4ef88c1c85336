package dev.gatehouse.credential;

import dev.gatehouse.agent.Agents;
import dev.gatehouse.hook.Authenticator;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials a gateway accepts: API keys from its store, and JWT access tokens when
 * configured. Credentials are required when {@code require_auth} says so, or when a client could
 * have one (API keys exist, or JWT is configured) and the agent rules give a caller without an
 * agent nothing.
 */
public final class Credentials {
  private final Store store;
  private final Optional<JwtAuthenticator> jwt;
  private final List<Authenticator> authenticators;

  private Credentials(Store store, Optional<JwtAuthenticator> jwt) {
    this.store = store;
    this.jwt = jwt;
    List<Authenticator> all = new ArrayList<>();
    all.add(new ApiKeyAuthenticator(store));
    jwt.ifPresent(all::add);
    this.authenticators = List.copyOf(all);
  }

  /**
   * @throws IllegalArgumentException when the JWT key cannot be read
   */
  public static Credentials of(Store store, Optional<JwtSettings> jwt) {
    return new Credentials(Objects.requireNonNull(store, "store"), jwt.map(JwtAuthenticator::of));
  }

  /** The authenticators, API keys first. */
  public Hooks hooks() {
    Hooks.Builder hooks = Hooks.builder();
    authenticators.forEach(hooks::authenticator);
    return hooks.build();
  }

  public Optional<JwtSettings> jwt() {
    return jwt.map(JwtAuthenticator::settings);
  }

  /** Whether a client could hold a credential: an active API key exists, or JWT is configured. */
  public boolean available() {
    return jwt.isPresent() || store.hasActiveApiKeys();
  }

  /** Whether a request without a credential is refused under the agents' current rules. */
  public boolean required(Agents agents) {
    return agents.settings().requireAuth() || (agents.missingAgentDenied() && available());
  }

  /** The check for HTTP transports. */
  public InboundAuth inbound(Agents agents) {
    return InboundAuth.of(authenticators, () -> required(agents));
  }
}
