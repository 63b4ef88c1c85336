package dev.gatehouse.cli.agent;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.ApiKeySpec;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.StoreException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gatehouse agent key revoke ID}: the key stops working at once, running gateway included.
 * Takes the id from {@code key list}, or the key's first characters when they are unambiguous.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke an API key by its id (or its first characters, as listed).")
final class KeyRevokeCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The key's id or first characters.")
  String key;

  @Override
  void run(Store store, PrintWriter out) {
    String prefix = key.endsWith("...") ? key.substring(0, key.length() - 3) : key;
    ApiKeyRecord found =
        store
            .apiKey(key)
            .orElseGet(() -> {
              List<ApiKeyRecord> matches =
                  store.apiKeys().stream()
                      .filter(k -> prefix.length() >= 6 && k.prefix().startsWith(prefix))
                      .toList();
              if (matches.size() > 1) {
                throw new ConfigException(
                    "\"" + key + "\" matches " + matches.size() + " keys; give the key's id");
              }
              return matches.stream()
                  .findFirst()
                  .orElseThrow(() -> StoreException.notFound(ApiKeySpec.ENTITY, "id", key));
            });
    ApiKeyRecord revoked = store.revokeApiKey(found.id());
    out.println(
        "Revoked API key "
            + revoked.id()
            + " ("
            + revoked.prefix()
            + "...) of agent "
            + revoked.agentName()
            + ".");
  }
}
