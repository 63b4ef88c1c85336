package dev.gatehouse.cli.agent;

import dev.gatehouse.credential.ApiKeys;
import dev.gatehouse.store.Store;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gatehouse agent key create NAME}: a new API key for the agent, printed once, alone on the
 * last line of stdout so that scripts can take it with {@code tail -n 1}.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create an API key for an agent; the key is printed once, on the last line.")
final class KeyCreateCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "NAME", description = "The agent (such as team.role).")
  String agent;

  @Option(names = "--description", description = "Where the key is used, for listings.")
  String description;

  @Override
  void run(Store store, PrintWriter out) {
    ApiKeys.Created created = ApiKeys.create(store, agent, Optional.ofNullable(description));
    out.println(
        "Created API key "
            + created.record().id()
            + " for agent "
            + agent
            + ". Send it as Authorization: Bearer <key>. It is shown only this once:");
    out.println(created.key());
  }
}
