package dev.gatehouse.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SignaturesTest {

  private static ToolEntry entry(String json) {
    ObjectNode definition = (ObjectNode) Json.parse(json);
    String name = definition.path("name").asString();
    return new ToolEntry("evh", name, name.substring(4), definition);
  }

  @Test
  void requiredParametersComeBareAndOptionalOnesWithAQuestionMarkAndDefault() {
    ToolEntry tool =
        entry(
            """
            {"name": "evh_trigger-long-running-operation",
             "description": "Demonstrates a long running operation.\\nMore text.",
             "inputSchema": {"type": "object",
               "properties": {"duration": {"type": "number", "default": 10},
                              "steps": {"type": "integer"},
                              "label": {"type": "string"}},
               "required": ["label"]}}
            """);

    assertThat(Signatures.of(tool))
        .isEqualTo(
            "evh_trigger-long-running-operation(duration?: number = 10, steps?: integer,"
                + " label: string) -> any  # Demonstrates a long running operation.");
  }

  @Test
  void enumsArraysUnionsAndOutputSchemasAreSpelledCompactly() {
    ToolEntry tool =
        entry(
            """
            {"name": "evh_get-weather",
             "inputSchema": {"type": "object",
               "properties": {"city": {"type": "string", "enum": ["Paris", "Oslo"]},
                              "days": {"type": "array", "items": {"type": "integer"}},
                              "unit": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                              "when": {"type": ["string", "number"]}},
               "required": ["city", "days", "unit", "when"]},
             "outputSchema": {"type": "object",
               "properties": {"temperature": {"type": "number"},
                              "conditions": {"type": "string"}}}}
            """);

    assertThat(Signatures.of(tool))
        .isEqualTo(
            "evh_get-weather(city: \"Paris\" | \"Oslo\", days: integer[], unit: string | null,"
                + " when: string | number) -> {temperature: number, conditions: string}");
  }

  @Test
  void aToolWithoutSchemaTakesNothing() {
    assertThat(Signatures.of(entry("{\"name\": \"evh_ping\"}"))).isEqualTo("evh_ping() -> any");
  }
}
