package dev.gatehouse.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.discovery.DiscoverySettings;
import dev.gatehouse.discovery.EndpointMode;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.upstream.TransportKind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

  private static GatehouseConfig parse(String text) {
    return ConfigParser.parse(text, Optional.empty(), "config file x.json");
  }

  @Test
  void readsTheStandardMcpServersBlock() {
    GatehouseConfig config =
        parse(
            """
            {"host": "0.0.0.0", "port": 9000, "mcpServers": {
              "fs": {"command": "npx", "args": ["-y", "pkg"], "env": {"TOKEN": "${env:TOKEN}"},
                     "cwd": "/tmp", "timeout_ms": 1500},
              "remote": {"url": "https://example.test/mcp", "headers": {"X-Key": "${file:/k}"}},
              "old": {"url": "http://127.0.0.1:9/sse", "type": "sse", "prefix": ""}
            }}
            """);

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(9000);
    ServerSpec fs = config.servers().get(0);
    assertThat(fs.transport()).isEqualTo(TransportKind.STDIO);
    assertThat(fs.command()).contains("npx");
    assertThat(fs.args()).containsExactly("-y", "pkg");
    assertThat(fs.env()).containsEntry("TOKEN", "${env:TOKEN}");
    assertThat(fs.cwd()).contains("/tmp");
    assertThat(fs.timeout()).contains(Duration.ofMillis(1500));
    assertThat(fs.toUpstreamConfig().prefix()).isEqualTo("fs");
    ServerSpec remote = config.servers().get(1);
    assertThat(remote.transport())
        .as("no transport given: detected when connecting")
        .isEqualTo(TransportKind.AUTO);
    assertThat(remote.headers()).containsEntry("X-Key", "${file:/k}");
    ServerSpec old = config.servers().get(2);
    assertThat(old.transport()).isEqualTo(TransportKind.SSE);
    assertThat(old.prefix()).contains("");
  }

  @Test
  void serversMayCarryAccessRulesAndBeDisabled() {
    GatehouseConfig config =
        parse(
            """
            {"mcpServers": {
              "a": {"command": "x", "allow": ["read_*"], "deny": ["*delete*"], "description": "A"},
              "b": {"url": "http://127.0.0.1:9/mcp", "enabled": false}
            }}
            """);
    ServerSpec a = config.servers().get(0);
    assertThat(a.allow()).containsExactly("read_*");
    assertThat(a.deny()).containsExactly("*delete*");
    assertThat(a.description()).contains("A");
    assertThat(config.upstreams()).extracting(u -> u.name()).containsExactly("a");
  }

  @Test
  void anEmptyFileMeansDefaults() {
    GatehouseConfig config = parse("{}");
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8000);
    assertThat(config.servers()).isEmpty();
  }

  @Test
  void invalidJsonNamesTheFileAndThePosition() {
    assertThatThrownBy(() -> parse("{\n  \"port\": 80,\n  \"mcpServers\": {,}\n}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config file x.json is not valid JSON at line 3, column");
  }

  @Test
  void refusesServerNamesOutsideTheAllowedAlphabet() {
    assertThatThrownBy(() -> parse("{\"mcpServers\": {\"My_Server\": {\"command\": \"x\"}}}"))
        .hasMessageContaining("mcpServers.\"My_Server\"")
        .hasMessageContaining("lowercase letters, digits and '-'");
  }

  @Test
  void refusesAServerWithNeitherCommandNorUrl() {
    assertThatThrownBy(() -> parse("{\"mcpServers\": {\"a\": {\"args\": []}}}"))
        .hasMessageContaining("needs \"command\" (stdio) or \"url\" (HTTP)");
  }

  @Test
  void refusesWrongTypesWithTheFieldName() {
    assertThatThrownBy(() -> parse("{\"port\": \"80\"}"))
        .hasMessageContaining("\"port\" must be an integer");
    assertThatThrownBy(
            () -> parse("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": \"y\"}}}"))
        .hasMessageContaining("\"args\" must be an array of strings");
    assertThatThrownBy(() -> parse("{\"mcpServers\": {\"a\": {\"url\": \"ftp://x\"}}}"))
        .hasMessageContaining("must be an http or https URL");
    assertThatThrownBy(() ->
            parse(
                "{\"mcpServers\": {\"a\": {\"url\": \"http://x\", \"type\": \"carrier-pigeon\"}}}"))
        .hasMessageContaining("unknown transport");
  }

  @Test
  void topLevelMustBeAnObject() {
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("top level must be a JSON object");
  }

  @Test
  void anUnknownModeNamesTheFileAndTheKey() {
    assertThatThrownBy(() -> parse("{\"mode\": \"lazy\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config file x.json: \"mode\": \"lazy\" is not a mode; use one of flat, discovery,"
                + " hybrid");
  }

  @Test
  void theModeAndServerDescriptionsAreReadFromTheFile() {
    GatehouseConfig config =
        parse(
            "{\"mode\": \"hybrid\", \"mcpServers\": {\"fs\": {\"command\": \"x\","
                + " \"description\": \"Local files\"}}}");

    DiscoverySettings discovery = ConfigParser.discovery(config.raw(), "x.json");

    assertThat(discovery.mode()).isEqualTo(EndpointMode.HYBRID);
    assertThat(discovery.description("fs")).hasValue("Local files");
  }
}
