package dev.gatehouse.modern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The specification's example messages, as vectors for parsing and validation. */
class SpecExamplesTest {

  static List<SpecSchema.Example> examples() {
    return SpecSchema.examples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleIsValidForItsDefinition(SpecSchema.Example example) {
    assertThat(SpecSchema.problems(example.type(), example.json())).isEmpty();
  }
}
