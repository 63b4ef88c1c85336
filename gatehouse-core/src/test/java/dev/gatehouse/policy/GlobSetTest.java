package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobSetTest {
  private static final String ALPHABET = "ab_?*é😀";

  private static boolean anyGlob(List<String> globs, String name) {
    return globs.stream().anyMatch(g -> Glob.of(g).matches(name));
  }

  private static String random(Random random, String alphabet, int maxLength) {
    StringBuilder text = new StringBuilder();
    int[] codePoints = alphabet.codePoints().toArray();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return text.toString();
  }

  @Test
  void answersExactlyAsTheGlobsOneByOne() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<String> globs = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        globs.add(random(random, ALPHABET, 6));
      }
      GlobSet set = GlobSet.of(globs);
      GlobSet tiny = GlobSet.of(globs, 2);
      for (int n = 0; n < 60; n++) {
        String name = random(random, "ab_xé😀", 8);
        boolean expected = anyGlob(globs, name);
        assertThat(set.matches(name)).as("%s against %s", name, globs).isEqualTo(expected);
        assertThat(tiny.matches(name))
            .as("%s against %s with a full table", name, globs)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void wildcardsMatchCharactersOutsideTheGlobsAndWholeCodePoints() {
    GlobSet set = GlobSet.of(List.of("get_*", "t?p", "*echo*", ""));

    assertThat(set.matches("get_sum")).isTrue();
    assertThat(set.matches("GET_sum")).isFalse();
    assertThat(set.matches("t😀p")).as("? is one code point").isTrue();
    assertThat(set.matches("trip")).isFalse();
    assertThat(set.matches("say_echo_now")).isTrue();
    assertThat(set.matches("")).as("the empty glob matches the empty name").isTrue();
    assertThat(GlobSet.of(List.of()).matches("")).isFalse();
  }

  @Test
  void aThousandGlobsDecideLikeEachOne() {
    List<String> globs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      globs.add(
          switch (i % 4) {
            case 0 -> "s" + (i % 50) + "_tool_" + i;
            case 1 -> "s" + (i % 50) + "_search_" + i + "*";
            case 2 -> "*_delete_" + i;
            default -> "*admin" + i + "?*";
          });
    }
    GlobSet set = GlobSet.of(globs);
    List<String> names =
        List.of(
            "s0_tool_0",
            "s1_search_1_all",
            "x_delete_2",
            "my_admin3x_tool",
            "s0_tool_1",
            "admin3",
            "s2_search_2",
            "y_delete_2_not");

    for (String name : names) {
      assertThat(set.matches(name)).as(name).isEqualTo(anyGlob(globs, name));
    }
  }
}
