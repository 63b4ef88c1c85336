package dev.gatehouse.it.sdk;

import static org.awaitility.Awaitility.await;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.cli.Daemon;
import dev.gatehouse.cli.config.ConfigParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts the gateway the way {@code gatehouse serve} does, from the JSON of a config file, in front
 * of fixture upstreams.
 */
final class FixtureGateway {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Generous: a stdio upstream is a fresh JVM, and the test machines are small and busy. */
  static final Duration READY_LIMIT = Duration.ofSeconds(60);

  private FixtureGateway() {}

  /** A Streamable HTTP upstream entry. */
  static ObjectNode http(URI url) {
    ObjectNode entry = MAPPER.createObjectNode();
    entry.put("url", url.toString());
    return entry;
  }

  /** A stdio upstream entry that runs {@link StdioFixtureMain} on this JVM's classpath. */
  static ObjectNode stdioFixture() {
    ObjectNode entry = MAPPER.createObjectNode();
    entry.put("command", ProcessHandle.current().info().command().orElse("java"));
    List.of(
            // A short-lived child: quick start matters more than peak speed.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            StdioFixtureMain.class.getName())
        .forEach(entry.putArray("args")::add);
    return entry;
  }

  /** A stdio upstream entry whose program does not exist. */
  static ObjectNode missingCommand() {
    ObjectNode entry = MAPPER.createObjectNode();
    entry.put("command", "gatehouse-it-no-such-command");
    return entry;
  }

  /** Starts a gateway on an ephemeral loopback port with these upstreams, in this order. */
  static Daemon start(Map<String, ObjectNode> servers) {
    ObjectNode config = MAPPER.createObjectNode();
    config.put("host", "127.0.0.1");
    config.put("port", 0);
    ObjectNode block = config.putObject("mcpServers");
    servers.forEach(block::set);
    return Daemon.start(
        ConfigParser.parse(MAPPER.writeValueAsString(config), Optional.empty(), "test config"));
  }

  /** Waits until the gateway's catalog lists every one of these (exposed) tool names. */
  static void awaitTools(Daemon gateway, String... names) {
    await()
        .atMost(READY_LIMIT)
        .until(
            () -> gateway.gateway().catalog().tools().stream().map(ToolEntry::name).toList(),
            listed -> listed.containsAll(List.of(names)));
  }
}
