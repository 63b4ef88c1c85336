package dev.gatehouse.hook;

import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a request's headers into an {@link Identity}. Authenticators run in registration order; the
 * first that recognises the request wins, and with none the caller is {@link Identity#ANONYMOUS}.
 * An authenticator that throws fails the request with {@code DENIED_BY_POLICY}. Requests without
 * headers (stdio, the in-process client without any) are asked too, with every header absent.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * @param header a request header by case-insensitive name
   * @return who the request comes from, or empty when this authenticator does not know
   */
  Optional<Identity> authenticate(Function<String, Optional<String>> header);
}
