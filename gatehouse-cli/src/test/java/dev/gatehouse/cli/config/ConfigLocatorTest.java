package dev.gatehouse.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocatorTest {
  @TempDir Path dir;

  @Test
  void createsTheHomeConfigWithSafeDefaultsOnFirstUse() throws Exception {
    Path home = dir.resolve("home");
    ConfigLocator locator =
        new ConfigLocator(Map.of("GATEHOUSE_HOME", home.toString()), dir.resolve("cwd"));

    GatehouseConfig config = locator.load(Optional.empty());

    assertThat(home.resolve("gatehouse.json")).exists();
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8000);
  }

  @Test
  void followsTheDiscoveryOrder() throws Exception {
    Path cwd = Files.createDirectories(dir.resolve("cwd"));
    Path local = Files.writeString(cwd.resolve("gatehouse.json"), "{\"port\": 1}");
    Path fromEnv = Files.writeString(dir.resolve("env.json"), "{\"port\": 2}");
    Path explicit = Files.writeString(dir.resolve("explicit.json"), "{\"port\": 3}");
    Map<String, String> env =
        Map.of("GATEHOUSE_CONFIG", fromEnv.toString(), "GATEHOUSE_HOME", dir.toString());

    assertThat(new ConfigLocator(env, cwd).locate(Optional.of(explicit))).isEqualTo(explicit);
    assertThat(new ConfigLocator(env, cwd).locate(Optional.empty())).isEqualTo(fromEnv);
    assertThat(
            new ConfigLocator(Map.of("GATEHOUSE_HOME", dir.toString()), cwd)
                .locate(Optional.empty()))
        .isEqualTo(local);
  }

  @Test
  void aMissingExplicitFileIsAnError() {
    ConfigLocator locator = new ConfigLocator(Map.of(), dir);
    assertThatThrownBy(() -> locator.locate(Optional.of(dir.resolve("nope.json"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.json (from --config) does not exist");
  }

  @Test
  void anUnwritableHomeIsAClearError() throws Exception {
    Path blocker = Files.writeString(dir.resolve("file"), "not a directory");
    ConfigLocator locator =
        new ConfigLocator(Map.of("GATEHOUSE_HOME", blocker.resolve("home").toString()), dir);
    assertThatThrownBy(() -> locator.locate(Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot create the default config");
  }
}
