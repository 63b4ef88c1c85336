package dev.gatehouse.credential;

import dev.gatehouse.hook.Authenticator;
import dev.gatehouse.hook.Identity;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The check an HTTP transport makes before it handles a request: a presented bearer credential must
 * be valid (an invalid or unknown one is always refused), and a request without one is refused
 * while credentials are required. Everything else goes on to MCP handling.
 */
public final class InboundAuth {
  private static final InboundAuth OPEN = new InboundAuth(List.of(), () -> false);

  private final List<Authenticator> authenticators;
  private final BooleanSupplier required;

  private InboundAuth(List<Authenticator> authenticators, BooleanSupplier required) {
    this.authenticators = List.copyOf(authenticators);
    this.required = required;
  }

  /** Admits every request. */
  public static InboundAuth open() {
    return OPEN;
  }

  /**
   * @param authenticators the credentials a request may present
   * @param required asked for each request without a credential: whether to refuse it
   */
  public static InboundAuth of(List<Authenticator> authenticators, BooleanSupplier required) {
    return new InboundAuth(authenticators, required);
  }

  /** Empty admits the request; a refusal is answered with 401 and {@code WWW-Authenticate}. */
  public Optional<AuthRefusal> check(Function<String, Optional<String>> header) {
    if (this == OPEN) {
      return Optional.empty();
    }
    if (BearerToken.of(header).isEmpty()) {
      return required.getAsBoolean() ? Optional.of(AuthRefusal.missing()) : Optional.empty();
    }
    for (Authenticator authenticator : authenticators) {
      Optional<Identity> found;
      try {
        found = authenticator.authenticate(header);
      } catch (InvalidCredentialException e) {
        return Optional.of(AuthRefusal.invalid(e.getMessage()));
      }
      if (found != null && found.isPresent()) {
        return Optional.empty();
      }
    }
    return Optional.of(AuthRefusal.invalid("the bearer token is not a credential of this gateway"));
  }
}
