package dev.gatehouse.credential;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a request is answered {@code 401 Unauthorized} before any MCP handling (RFC 6750 section 3).
 *
 * @param error {@code invalid_token} when a credential was presented and is not valid; empty when
 *     none was presented but one is required
 * @param description for people: why
 */
public record AuthRefusal(Optional<String> error, String description) {

  public AuthRefusal {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(description, "description");
  }

  static AuthRefusal missing() {
    return new AuthRefusal(
        Optional.empty(),
        "this gateway requires a credential: Authorization: Bearer <key or token>");
  }

  static AuthRefusal invalid(String why) {
    return new AuthRefusal(Optional.of("invalid_token"), why);
  }
}
