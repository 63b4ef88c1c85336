package dev.gatehouse.cli.identity;

import dev.gatehouse.agent.AgentRules;
import dev.gatehouse.agent.AgentRulesParser;
import dev.gatehouse.cli.config.ConfigException;
import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Where the agent rules come from: a rules file, the config itself (inline), or nowhere. */
public final class RulesSource {
  private static final JsonMapper MAPPER = Json.mapper();

  private final Optional<Path> file;
  private final Optional<ObjectNode> inline;

  private RulesSource(Optional<Path> file, Optional<ObjectNode> inline) {
    this.file = file;
    this.inline = inline;
  }

  public static RulesSource of(IdentityConfig config) {
    return new RulesSource(config.rulesFile(), config.inlineRules());
  }

  /** The rules file, when the rules live in one. */
  public Optional<Path> file() {
    return file;
  }

  /** {@code rules file PATH}, {@code the config's "agents"}, or {@code no rules}. */
  public String describe() {
    if (file.isPresent()) {
      return "rules file " + file.get();
    }
    return inline.isPresent() ? "the config's \"agents\"" : "no rules";
  }

  /**
   * Reads and checks the rules.
   *
   * @throws ConfigException naming the file and the place of the first mistake
   */
  public AgentRules load() {
    if (file.isEmpty()) {
      return inline.map(root -> parse(root, "config")).orElse(AgentRules.none());
    }
    Path path = file.get();
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("rules file " + path + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read rules file " + path + ": " + e.getMessage());
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String position =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(
          "rules file " + path + " is not valid JSON" + position + ": " + e.getOriginalMessage());
    }
    return parse(root, "rules file " + path);
  }

  private static AgentRules parse(JsonNode root, String where) {
    try {
      return AgentRulesParser.parse(root);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());
    }
  }
}
