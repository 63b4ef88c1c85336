package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UriTemplateTest {

  @Test
  void simpleVariablesMatchOneSegment() {
    UriTemplate template = UriTemplate.of("test://template/{id}/data");

    assertThat(template.match("test://template/123/data")).contains(Map.of("id", "123"));
    assertThat(template.match("test://template/1/2/data")).isEmpty();
    assertThat(template.match("test://template/123/datax")).isEmpty();
  }

  @Test
  void reservedVariablesMayContainSlashes() {
    UriTemplate template = UriTemplate.of("file:///{+path}");

    assertThat(template.match("file:///a/b/c.txt")).contains(Map.of("path", "a/b/c.txt"));
  }

  @Test
  void literalPartsAreNotPatterns() {
    assertThat(UriTemplate.of("a.b/{x}").match("aXb/1")).isEmpty();
  }
}
