package dev.gatehouse.cli.agent;

import dev.gatehouse.store.ApiKeyRecord;
import dev.gatehouse.store.Store;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gatehouse agent key list [NAME]}: the keys (never the keys themselves), revoked ones too.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List API keys: id, agent, first characters, created, status.")
final class KeyListCommand extends StoreVerb {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this agent.")
  String agent;

  @Override
  void run(Store store, PrintWriter out) {
    List<ApiKeyRecord> keys =
        store.apiKeys().stream().filter(k -> agent == null || k.agentName().equals(agent)).toList();
    if (keys.isEmpty()) {
      out.println(agent == null ? "No API keys." : "No API keys for agent " + agent + ".");
      return;
    }
    int agentWidth =
        Math.max(5, keys.stream().mapToInt(k -> k.agentName().length()).max().orElse(0));
    String format = "%-36s  %-" + agentWidth + "s  %-14s  %-24s  %s%n";
    out.printf(format, "ID", "AGENT", "KEY", "CREATED", "STATUS");
    for (ApiKeyRecord key : keys) {
      out.printf(
          format,
          key.id(),
          key.agentName(),
          key.prefix() + "...",
          key.createdAt(),
          key.revokedAt().map(t -> "revoked " + t).orElse("active")
              + key.spec().description().map(d -> " (" + d + ")").orElse(""));
    }
  }
}
