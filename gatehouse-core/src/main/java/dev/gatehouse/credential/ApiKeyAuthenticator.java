package dev.gatehouse.credential;

import dev.gatehouse.agent.IdentifiedBy;
import dev.gatehouse.hook.Authenticator;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.Store;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recognises {@code Authorization: Bearer gh_...}: the agent of an active key in the store. Keys
 * are looked up on every request, so a revoked key stops working at once. A {@code gh_} token the
 * store does not hold as an active key is refused; other tokens are left to other authenticators.
 */
public final class ApiKeyAuthenticator implements Authenticator {
  private final Store store;

  public ApiKeyAuthenticator(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Optional<Identity> authenticate(Function<String, Optional<String>> header) {
    Optional<String> token = BearerToken.of(header).filter(ApiKeys::looksLikeKey);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    ApiKeyRecord key =
        store
            .apiKeyByHash(ApiKeys.hash(token.get()))
            .filter(ApiKeyRecord::active)
            .orElseThrow(() -> new InvalidCredentialException("unknown or revoked API key"));
    return Optional.of(
        new Identity(
            key.agentName(),
            Map.of(
                IdentifiedBy.ATTRIBUTE,
                IdentifiedBy.API_KEY.id(),
                "key_id",
                key.id(),
                "key_prefix",
                key.prefix())));
  }
}
