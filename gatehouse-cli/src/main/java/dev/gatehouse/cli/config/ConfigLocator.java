package dev.gatehouse.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads the config file: {@code --config}, then {@code $GATEHOUSE_CONFIG}, then {@code
 * ./gatehouse.json}, then {@code $GATEHOUSE_HOME/gatehouse.json} ({@code ~/.gatehouse} by default),
 * which is created with safe defaults on first use.
 */
public final class ConfigLocator {
  static final String DEFAULT_CONFIG =
      """
      {
        "host": "127.0.0.1",
        "port": 8000,
        "mcpServers": {}
      }
      """;

  private final Map<String, String> env;
  private final Path workingDirectory;

  public ConfigLocator(Map<String, String> env, Path workingDirectory) {
    this.env = env;
    this.workingDirectory = workingDirectory;
  }

  public static ConfigLocator system() {
    return new ConfigLocator(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** {@code $GATEHOUSE_HOME}, or {@code ~/.gatehouse}. */
  public Path home() {
    String home = env.get("GATEHOUSE_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".gatehouse");
  }

  /** The file the discovery order picks; the home one is created when nothing else exists. */
  public Path locate(Optional<Path> explicit) {
    if (explicit.isPresent()) {
      return mustExist(explicit.get(), "--config");
    }
    String fromEnv = env.get("GATEHOUSE_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return mustExist(Path.of(fromEnv), "$GATEHOUSE_CONFIG");
    }
    Path local = workingDirectory.resolve("gatehouse.json");
    if (Files.isRegularFile(local)) {
      return local;
    }
    Path inHome = home().resolve("gatehouse.json");
    if (!Files.exists(inHome)) {
      try {
        Files.createDirectories(inHome.getParent());
        Files.writeString(inHome, DEFAULT_CONFIG, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(
            "cannot create the default config " + inHome + ": " + describe(e));
      }
    }
    return inHome;
  }

  public GatehouseConfig load(Optional<Path> explicit) {
    Path file = locate(explicit);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + describe(e));
    }
    return ConfigParser.parse(text, Optional.of(file), "config file " + file);
  }

  private static Path mustExist(Path file, String from) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " (from " + from + ") does not exist");
    }
    return file;
  }

  private static String describe(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
  }
}
