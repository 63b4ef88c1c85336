package dev.gatehouse.store;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A new API key as the store keeps it: never the key itself, only its hash and the few characters
 * that let people recognise it.
 *
 * @param agentId the store id of the agent the key identifies
 * @param prefix the key's first characters ({@code gh_} and a few more), shown in listings
 * @param hash the SHA-256 of the whole key, as 64 lowercase hex digits
 * @param description for people (where the key is used)
 */
public record ApiKeySpec(String agentId, String prefix, String hash, Optional<String> description) {

  public static final String ENTITY = "API key";
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public ApiKeySpec {
    Objects.requireNonNull(agentId, "agentId");
    if (prefix == null || prefix.isBlank() || prefix.length() > 32) {
      throw StoreException.invalid(ENTITY, null, "prefix", "prefix must be 1 to 32 characters");
    }
    if (hash == null || !HASH.matcher(hash).matches()) {
      throw StoreException.invalid(
          ENTITY, null, "hash", "hash must be a SHA-256 as 64 lowercase hex digits");
    }
    Objects.requireNonNull(description, "description");
  }
}
