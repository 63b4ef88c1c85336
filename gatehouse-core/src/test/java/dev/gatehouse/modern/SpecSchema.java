package dev.gatehouse.modern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 2026-07-28 JSON schema and its example messages, from the test resources: checks a message
 * against one of the schema's definitions.
 */
final class SpecSchema {
  private static final String ROOT = "/mcp-2026-07-28/";
  private static final ObjectNode DEFINITIONS = load();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  /** One example message: the schema definition it illustrates and its JSON. */
  record Example(String type, String file, JsonNode json) {
    @Override
    public String toString() {
      return type + "/" + file;
    }
  }

  private SpecSchema() {}

  /** The problems of {@code node} as an instance of {@code $defs/<type>}; empty when valid. */
  static List<String> problems(String type, JsonNode node) {
    if (!DEFINITIONS.has(type)) {
      throw new IllegalArgumentException("the schema has no definition " + type);
    }
    Schema schema = SCHEMAS.computeIfAbsent(type, SpecSchema::compile);
    return schema.validate(node).stream().map(Error::toString).toList();
  }

  /** Every example message, sorted by type and file name. */
  static List<Example> examples() {
    try {
      Path root = Path.of(SpecSchema.class.getResource(ROOT + "examples").toURI());
      try (Stream<Path> files = Files.walk(root)) {
        return files
            .filter(f -> f.toString().endsWith(".json"))
            .sorted()
            .map(f ->
                new Example(
                    f.getParent().getFileName().toString(), f.getFileName().toString(), read(f)))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The examples of one type. */
  static List<Example> examples(String type) {
    return examples().stream().filter(e -> e.type().equals(type)).toList();
  }

  private static Schema compile(String type) {
    ObjectNode wrapper = Json.object();
    wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    wrapper.put("$ref", "#/$defs/" + type);
    wrapper.set("$defs", DEFINITIONS);
    return REGISTRY.getSchema(Json.text(wrapper));
  }

  private static JsonNode read(Path file) {
    try {
      return Json.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode load() {
    try (InputStream in = SpecSchema.class.getResourceAsStream(ROOT + "schema.json")) {
      return (ObjectNode) Json.parse(in.readAllBytes()).get("$defs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
