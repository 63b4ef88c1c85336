package dev.gatehouse.credential;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The token of an {@code Authorization: Bearer <token>} header (RFC 6750), if a request has one.
 */
public final class BearerToken {
  private static final String SCHEME = "bearer ";

  private BearerToken() {}

  /**
   * @param header a request header by case-insensitive name
   * @return the token; empty without the header, with another scheme, or with nothing after it
   */
  public static Optional<String> of(Function<String, Optional<String>> header) {
    return header
        .apply("Authorization")
        .map(String::strip)
        .filter(v ->
            v.length() > SCHEME.length()
                && v.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME))
        .map(v -> v.substring(SCHEME.length()).strip())
        .filter(t -> !t.isEmpty());
  }
}
