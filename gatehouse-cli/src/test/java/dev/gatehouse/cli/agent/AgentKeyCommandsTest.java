package dev.gatehouse.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.Main;
import dev.gatehouse.credential.ApiKeys;
import dev.gatehouse.store.Store;
import dev.gatehouse.store.jdbc.SqliteStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse agent key create|list|revoke} in-process on the config's SQLite store. */
class AgentKeyCommandsTest {
  @TempDir Path dir;
  private Path config;

  private record Run(int code, String out, String err) {}

  @BeforeEach
  void writeConfig() throws Exception {
    config =
        Files.writeString(
            dir.resolve("gatehouse.json"),
            "{\"store\": \"sqlite:" + dir.resolve("keys.db") + "\", \"mcpServers\": {}}");
  }

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(List.of("--config", config.toString()));
    int code = cli.execute(line.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void createPrintsTheKeyOnceOnTheLastLineAndTheStoreKeepsOnlyItsHash() throws Exception {
    Run created = cli("agent", "key", "create", "team.alpha", "--description", "laptop");

    assertThat(created.code()).isZero();
    String key = created.out().lines().toList().getLast();
    assertThat(key).startsWith("gh_").doesNotContain(" ");
    try (Store store = SqliteStore.open(dir.resolve("keys.db"))) {
      assertThat(store.apiKeyByHash(ApiKeys.hash(key)))
          .hasValueSatisfying(k -> assertThat(k.agentName()).isEqualTo("team.alpha"));
    }
    try (var files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("keys.db")).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .doesNotContain(key);
      }
    }

    Run listed = cli("agent", "key", "list");
    assertThat(listed.out())
        .contains("team.alpha", key.substring(0, 11) + "...", "active (laptop)")
        .doesNotContain(key);
  }

  @Test
  void revokeByIdOrFirstCharactersAndListShowsIt() {
    String first = cli("agent", "key", "create", "alpha").out().lines().toList().getLast();
    cli("agent", "key", "create", "beta");

    Run revoked = cli("agent", "key", "revoke", first.substring(0, 11) + "...");
    assertThat(revoked.code()).as(revoked.err()).isZero();
    assertThat(revoked.out()).contains("Revoked API key", "of agent alpha");

    assertThat(cli("agent", "key", "list", "alpha").out()).contains("revoked ");
    assertThat(cli("agent", "key", "list", "beta").out()).contains("active");
    assertThat(cli("agent", "key", "list", "gamma").out()).contains("No API keys for agent gamma");

    Run unknown = cli("agent", "key", "revoke", "no-such-key");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("not found");
  }

  @Test
  void badNamesAndAMemoryStoreAreRefusedWithOneLine() throws Exception {
    Run bad = cli("agent", "key", "create", "no spaces");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("gatehouse: ").contains("team.role");

    Files.writeString(config, "{\"store\": \"memory\"}");
    Run memory = cli("agent", "key", "create", "alpha");
    assertThat(memory.code()).isEqualTo(2);
    assertThat(memory.err()).contains("API keys need a store that lasts");
  }
}
