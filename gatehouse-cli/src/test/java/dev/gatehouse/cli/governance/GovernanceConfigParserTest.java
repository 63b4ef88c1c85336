package dev.gatehouse.cli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.protocol.Json;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class GovernanceConfigParserTest {
  private static final Path HOME = Path.of("/home/u/.gatehouse");
  private static final Path BASE = Path.of("/etc/gatehouse");

  private static GovernanceConfig parse(String json) {
    return GovernanceConfigParser.parse(
        (ObjectNode) Json.parse(json), HOME, BASE, "config file c.json");
  }

  @Test
  void nothingConfiguredGovernsNothing() {
    GovernanceConfig config = parse("{\"port\": 8000}");
    assertThat(config.governs()).isFalse();
    assertThat(config.hil()).isEqualTo(HilConfig.OFF);
  }

  @Test
  void readsTheIssueExample() {
    GovernanceConfig config =
        parse(
            """
            {"policy": {"deny": ["*get-env*"], "confirm": ["*get-sum*"], "audit": true},
             "hil": {"enabled": true, "auto_open_browser": false, "timeout_seconds": 5,
                     "webhook": "https://chat.example/hook"},
             "plugins": ["call-counter"]}
            """);
    assertThat(config.deny()).containsExactly("*get-env*");
    assertThat(config.confirm()).containsExactly("*get-sum*");
    assertThat(config.audit()).contains(HOME.resolve("audit.jsonl"));
    assertThat(config.auditArguments()).isFalse();
    assertThat(config.hil())
        .isEqualTo(
            new HilConfig(
                true,
                false,
                Duration.ofSeconds(5),
                Optional.of(URI.create("https://chat.example/hook"))));
    assertThat(config.plugins()).containsExactly("call-counter");
  }

  @Test
  void anAuditPathIsResolvedAgainstTheConfigFilesDirectory() {
    assertThat(
            parse("{\"policy\": {\"audit\": \"logs/a.jsonl\", \"audit_arguments\": true}}").audit())
        .contains(Path.of("/etc/gatehouse/logs/a.jsonl"));
    assertThat(parse("{\"policy\": {\"audit\": \"/var/log/a.jsonl\"}}").audit())
        .contains(Path.of("/var/log/a.jsonl"));
    assertThat(parse("{\"policy\": {\"audit\": false}}").audit()).isEmpty();
  }

  @Test
  void hilDefaultsToTwoMinutesAndTheBrowser() {
    HilConfig hil = parse("{\"hil\": {\"enabled\": true}}").hil();
    assertThat(hil.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(hil.autoOpenBrowser()).isTrue();
  }

  @Test
  void mistakesNameTheKey() {
    assertThatThrownBy(() -> parse("{\"policy\": {\"confrim\": [\"*\"]}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config file c.json: \"policy.confrim\" is not a setting; use audit, audit_arguments, confirm, deny");
    assertThatThrownBy(() -> parse("{\"policy\": {\"deny\": \"*\"}}"))
        .hasMessage("config file c.json: \"policy.deny\" must be an array of globs");
    assertThatThrownBy(() -> parse("{\"policy\": {\"audit\": 3}}"))
        .hasMessage(
            "config file c.json: \"policy.audit\" must be true, false or the path of the audit log");
    assertThatThrownBy(() -> parse("{\"hil\": {\"timeout_seconds\": 0}}"))
        .hasMessage("config file c.json: \"hil.timeout_seconds\" must be a positive integer");
    assertThatThrownBy(() -> parse("{\"hil\": {\"enabled\": \"yes\"}}"))
        .hasMessage("config file c.json: \"hil.enabled\" must be true or false");
    assertThatThrownBy(() -> parse("{\"hil\": {\"webhook\": \"ftp://x\"}}"))
        .hasMessageStartingWith("config file c.json: \"hil.webhook\" must be an http or https URL");
    assertThatThrownBy(() -> parse("{\"hil\": []}"))
        .hasMessage("config file c.json: \"hil\" must be an object");
    assertThatThrownBy(() -> parse("{\"plugins\": [\"a\", \"a\"]}"))
        .hasMessage("config file c.json: \"plugins\" names a twice");
  }

  @Test
  void anUnknownPluginNamesWhatIsInstalled() {
    GovernanceConfig config =
        new GovernanceConfig(
            List.of(), List.of(), Optional.empty(), false, HilConfig.OFF, List.of("nope"));
    assertThatThrownBy(() -> Governance.of(config, true, getClass().getClassLoader()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("plugin \"nope\" is not installed (found: ");
  }

  @Test
  void approvalsExistOnlyWhenEnabledAndServedOverHttp() {
    GovernanceConfig on =
        new GovernanceConfig(
            List.of(),
            List.of("*"),
            Optional.empty(),
            false,
            new HilConfig(true, false, Duration.ofSeconds(9), Optional.empty()),
            List.of());
    assertThat(Governance.of(on, true, getClass().getClassLoader()).approvals()).isPresent();
    assertThat(Governance.of(on, false, getClass().getClassLoader()).approvals()).isEmpty();
  }
}
