package dev.gatehouse.store.jdbc;

import dev.gatehouse.upstream.Placeholders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests: started once per test run with {@code scripts/postgres.sh
 * start} (which installs Debian's package when missing) and stopped when the run ends, whether
 * tests passed or not. When {@code GATEHOUSE_TEST_POSTGRES_URL} is set, that server is used instead
 * and left alone. A server that cannot be had fails the tests; they are never skipped.
 *
 * <p>Each test works in a schema of its own ({@link #newSchema()}), so tests never see each other's
 * rows.
 */
final class PostgresServer implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresServer.class);

  /** Long enough for apt-get to install PostgreSQL on a fresh machine. */
  private static final long START_TIMEOUT_MINUTES = 15;

  private static volatile Running running;

  /** The server, once started; closed by JUnit at the end of the run. */
  private record Running(String url, Optional<Path> script, Path state) implements AutoCloseable {
    @Override
    public void close() {
      if (script.isPresent()) {
        run(script.get(), "stop", state);
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Running.class, key -> start(), Running.class);
  }

  /** The URL of the server's database, as the {@code "store"} config key takes it. */
  static String url() {
    if (running == null) {
      throw new IllegalStateException("PostgresServer is not registered on this test class");
    }
    return running.url();
  }

  /** A new empty schema, and the URL that makes it the store's default. */
  static String newSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Runs one statement as the URL's user, who owns the test database. */
  static void execute(String sql) {
    PostgresUrl target = PostgresUrl.parse(url(), new Placeholders(name -> Optional.empty()));
    try (Connection c =
            DriverManager.getConnection(
                target.jdbcUrl(), target.user().orElse(null), target.password().orElse(null));
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database statement failed: " + sql, e);
    }
  }

  private static Running start() {
    String given = System.getenv("GATEHOUSE_TEST_POSTGRES_URL");
    Path state = Path.of(System.getProperty("gatehouse.postgres.state", "target/postgres"));
    if (given != null && !given.isBlank()) {
      return new Running(given.strip(), Optional.empty(), state);
    }
    Path script = root().resolve("scripts/postgres.sh");
    List<String> out = run(script, "start", state);
    String url = out.isEmpty() ? "" : out.get(out.size() - 1).strip();
    if (!url.startsWith("postgresql://")) {
      throw new IllegalStateException(
          script + " start printed no URL (got " + out + "); see its messages above");
    }
    return new Running(url, Optional.of(script), state);
  }

  private static List<String> run(Path script, String verb, Path state) {
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), verb, state.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.putIfAbsent("DEBIAN_FRONTEND", "noninteractive");
    try {
      Process process = builder.start();
      byte[] stdout;
      try (InputStream in = process.getInputStream()) {
        stdout = in.readAllBytes();
      }
      if (!process.waitFor(START_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " " + verb + " did not finish in time");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "PostgreSQL for the tests: "
                + script
                + " "
                + verb
                + " failed with exit code "
                + process.exitValue()
                + " (its messages are above). Install PostgreSQL (apt-get install postgresql)"
                + " or set GATEHOUSE_TEST_POSTGRES_URL to a server's postgresql:// URL.");
      }
      return new String(stdout, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }

  /** The repository root, from Maven, else the first directory upwards holding the script. */
  private static Path root() {
    String fromMaven = System.getProperty("gatehouse.root");
    if (fromMaven != null && Files.isRegularFile(Path.of(fromMaven, "scripts/postgres.sh"))) {
      return Path.of(fromMaven);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/postgres.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find scripts/postgres.sh above " + Path.of("").toAbsolutePath());
  }
}
