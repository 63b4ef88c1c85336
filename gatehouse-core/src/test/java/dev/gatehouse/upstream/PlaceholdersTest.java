package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaceholdersTest {
  private final Placeholders placeholders =
      new Placeholders(
          name -> Optional.ofNullable(Map.of("TOKEN", "s3cret", "EMPTY", "").get(name)));

  @Test
  void resolvesBothSpellingsOfEnvironmentReferences() {
    assertThat(placeholders.resolve("Bearer ${TOKEN}")).isEqualTo("Bearer s3cret");
    assertThat(placeholders.resolve("Bearer ${env:TOKEN}")).isEqualTo("Bearer s3cret");
    assertThat(placeholders.resolve("${TOKEN}-${env:TOKEN}")).isEqualTo("s3cret-s3cret");
  }

  @Test
  void textWithoutReferencesIsUnchanged() {
    assertThat(placeholders.resolve("plain $ text {}")).isEqualTo("plain $ text {}");
  }

  @Test
  void fallbackAppliesToUnsetAndEmptyVariables() {
    assertThat(placeholders.resolve("${MISSING:-none}")).isEqualTo("none");
    assertThat(placeholders.resolve("${env:EMPTY:-blank}")).isEqualTo("blank");
    assertThat(placeholders.resolve("${TOKEN:-unused}")).isEqualTo("s3cret");
  }

  @Test
  void doubledDollarIsALiteral() {
    assertThat(placeholders.resolve("$${TOKEN}")).isEqualTo("${TOKEN}");
  }

  @Test
  void unsetVariableFailsWithItsName() {
    assertThatThrownBy(() -> placeholders.resolve("Bearer ${env:MISSING}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environment variable MISSING is not set (referenced as ${env:MISSING})");
    assertThatThrownBy(() -> placeholders.resolve("${EMPTY}"))
        .hasMessageContaining("EMPTY is not set");
  }

  @Test
  void malformedReferencesFail() {
    assertThatThrownBy(() -> placeholders.resolve("${oops")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> placeholders.resolve("${vault:x}")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> placeholders.resolve("${}")).hasMessageContaining("malformed");
  }

  @Test
  void fileReferencesReadTheFileWithoutItsLastLineBreak(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("token");
    Files.writeString(secret, "from-file\n");

    assertThat(placeholders.resolve("Bearer ${file:" + secret + "}")).isEqualTo("Bearer from-file");
    assertThatThrownBy(() -> placeholders.resolve("${file:" + dir.resolve("absent") + "}"))
        .hasMessageContaining("no such file");
  }

  @Test
  void mapValuesFailWithTheirKey() {
    assertThatThrownBy(
            () -> placeholders.resolveValues(Map.of("Authorization", "${env:NOPE}"), "header"))
        .hasMessageStartingWith("header Authorization: environment variable NOPE is not set");
  }
}
