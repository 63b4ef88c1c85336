package dev.gatehouse.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.agent.AgentRulesParser;
import dev.gatehouse.agent.AgentSettings;
import dev.gatehouse.agent.Agents;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.InMemoryStore;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * API keys: shown once, stored as a hash, recognised until revoked; when credentials are required.
 */
class ApiKeysTest {
  private final InMemoryStore store = InMemoryStore.create();
  private final ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(store);

  private static Function<String, Optional<String>> bearer(String token) {
    return name -> name.equals("Authorization") ? Optional.of("Bearer " + token) : Optional.empty();
  }

  @Test
  void aKeyIsRecognisableAndOnlyItsHashIsStored() {
    ApiKeys.Created created = ApiKeys.create(store, "team.alpha", Optional.of("laptop"));

    assertThat(created.key()).startsWith("gh_").hasSizeGreaterThan(40);
    assertThat(created.key()).startsWith(created.record().prefix());
    assertThat(created.record().spec().hash()).isEqualTo(ApiKeys.hash(created.key()));
    assertThat(created.toString()).doesNotContain(created.key());
    assertThat(store.agentByName("team.alpha")).isPresent();
    assertThat(store.apiKeys())
        .singleElement()
        .satisfies(k -> assertThat(k.toString()).doesNotContain(created.key().substring(12)));
  }

  @Test
  void anActiveKeyIdentifiesItsAgentUntilRevoked() {
    ApiKeys.Created created = ApiKeys.create(store, "alpha", Optional.empty());
    ApiKeys.create(store, "alpha", Optional.empty());

    Identity identity = authenticator.authenticate(bearer(created.key())).orElseThrow();
    assertThat(identity.name()).isEqualTo("alpha");
    assertThat(identity.attributes())
        .containsEntry("identified_by", "api_key")
        .containsEntry("key_id", created.record().id());

    ApiKeyRecord revoked = store.revokeApiKey(created.record().id());
    assertThat(revoked.active()).isFalse();
    assertThatThrownBy(() -> authenticator.authenticate(bearer(created.key())))
        .isInstanceOf(InvalidCredentialException.class)
        .hasMessage("unknown or revoked API key");
    assertThatThrownBy(() -> authenticator.authenticate(bearer("gh_made_up")))
        .isInstanceOf(InvalidCredentialException.class);
    assertThat(authenticator.authenticate(bearer("eyJ.other.token"))).isEmpty();
    assertThat(authenticator.authenticate(name -> Optional.empty())).isEmpty();
  }

  @Test
  void inboundRequestsWithABadCredentialAreAlwaysRefused() {
    Credentials credentials = Credentials.of(store, Optional.empty());
    InboundAuth inbound = credentials.inbound(Agents.unrestricted());

    assertThat(inbound.check(name -> Optional.empty())).isEmpty();
    assertThat(inbound.check(bearer("gh_nope")))
        .hasValueSatisfying(r -> assertThat(r.error()).contains("invalid_token"));
    assertThat(inbound.check(bearer("not-any-credential")))
        .hasValueSatisfying(r -> assertThat(r.error()).contains("invalid_token"));
    String key = ApiKeys.create(store, "alpha", Optional.empty()).key();
    assertThat(inbound.check(bearer(key))).isEmpty();
    assertThat(inbound.check(name -> Optional.of("Basic dXNlcjpwdw=="))).isEmpty();
  }

  @Test
  void credentialsAreRequiredByRequireAuthOrByKeysAndRulesThatDenyAMissingAgent() {
    Credentials credentials = Credentials.of(store, Optional.empty());
    Agents strict =
        Agents.of(
            AgentRulesParser.parse(Json.parse("{\"agents\": {\"alpha\": {}}}")),
            AgentSettings.defaults());
    Agents withDefault =
        Agents.of(
            AgentRulesParser.parse(
                Json.parse(
                    "{\"agents\": {\"default\": {}}, \"defaults\": {\"deny_on_missing_agent\":"
                        + " false}}")),
            AgentSettings.defaults());
    Agents requireAuth =
        Agents.of(
            AgentRulesParser.parse(Json.parse("{\"agents\": {}}")),
            new AgentSettings(Optional.empty(), false, true));

    // No keys yet: nobody could present one.
    assertThat(credentials.required(strict)).isFalse();
    assertThat(credentials.required(requireAuth)).isTrue();
    assertThat(credentials.inbound(requireAuth).check(name -> Optional.empty()))
        .hasValueSatisfying(r -> assertThat(r.error()).isEmpty());

    ApiKeys.create(store, "alpha", Optional.empty());
    assertThat(credentials.required(strict)).isTrue();
    assertThat(credentials.required(withDefault)).isFalse();
    assertThat(credentials.required(Agents.unrestricted())).isFalse();

    store.revokeApiKey(store.apiKeys().getFirst().id());
    assertThat(credentials.required(strict)).isFalse();
  }
}
