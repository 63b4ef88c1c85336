package dev.gatehouse.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.protocol.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DiscoverySettingsTest {

  private static ObjectNode config(String json) {
    return (ObjectNode) Json.parse(json);
  }

  @Test
  void theModeIsReadFromTheTopOfTheConfigAndDefaultsToFlat() {
    assertThat(DiscoverySettings.fromConfig(config("{}")).mode()).isEqualTo(EndpointMode.FLAT);
    assertThat(DiscoverySettings.fromConfig(config("{\"mode\": \"discovery\"}")).mode())
        .isEqualTo(EndpointMode.DISCOVERY);
    assertThat(DiscoverySettings.fromConfig(config("{\"mode\": \"Hybrid\"}")).mode())
        .isEqualTo(EndpointMode.HYBRID);
  }

  @Test
  void serverDescriptionsComeFromTheServerEntries() {
    DiscoverySettings settings =
        DiscoverySettings.fromConfig(
            config(
                """
                {"mcpServers": {"fs": {"command": "x", "description": "Local files"},
                                "web": {"url": "http://127.0.0.1/mcp"}}}
                """));

    assertThat(settings.description("fs")).hasValue("Local files");
    assertThat(settings.description("web")).isEmpty();
  }

  @Test
  void mistakesNameTheKey() {
    assertThatThrownBy(() -> DiscoverySettings.fromConfig(config("{\"mode\": \"lazy\"}")))
        .hasMessage("\"mode\": \"lazy\" is not a mode; use one of flat, discovery, hybrid");
    assertThatThrownBy(() -> DiscoverySettings.fromConfig(config("{\"mode\": 1}")))
        .hasMessageContaining("\"mode\" must be a string");
    assertThatThrownBy(() ->
            DiscoverySettings.fromConfig(
                config("{\"mcpServers\": {\"fs\": {\"description\": 3}}}")))
        .hasMessage("mcpServers.\"fs\": \"description\" must be a string");
  }
}
