package dev.gatehouse.credential;

import dev.gatehouse.store.AgentRecord;
import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.ApiKeySpec;
import dev.gatehouse.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API keys: {@value #PREFIX} followed by 32 random bytes (base64url), so they are recognisable in
 * logs and secret scanners. The store keeps the SHA-256 of a key and its first characters, never
 * the key: a key is shown once, when it is created. A slow hash is not needed, since the keys carry
 * 256 bits of entropy and cannot be guessed from their hash.
 */
public final class ApiKeys {
  /** What every key starts with. */
  public static final String PREFIX = "gh_";

  /** How many characters of a key listings show. */
  static final int SHOWN = PREFIX.length() + 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /**
   * A new key and what the store keeps of it.
   *
   * @param key the key itself: give it to its user, then forget it
   * @param record the stored record (hash and prefix only)
   */
  public record Created(String key, ApiKeyRecord record) {
    @Override
    public String toString() {
      return "Created[" + record.prefix() + "...]";
    }
  }

  /** Creates a key for {@code agent}, creating the agent in the store if it does not exist. */
  public static Created create(Store store, String agent, Optional<String> description) {
    AgentRecord.checkName(agent);
    AgentRecord record =
        store.agentByName(agent).orElseGet(() -> store.createAgent(agent, Optional.empty()));
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKeyRecord stored =
        store.createApiKey(
            new ApiKeySpec(record.id(), key.substring(0, SHOWN), hash(key), description));
    return new Created(key, stored);
  }

  /** Whether a bearer token is meant to be one of these keys. */
  public static boolean looksLikeKey(String token) {
    return token.startsWith(PREFIX);
  }

  /** The SHA-256 of a key as 64 lowercase hex digits: what the store finds it by. */
  public static String hash(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
