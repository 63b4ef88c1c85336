package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowDenyTest {

  @Test
  void globsAreCaseSensitiveWithStarAndQuestionMark() {
    assertThat(Glob.of("get_*").matches("get_sum")).isTrue();
    assertThat(Glob.of("get_*").matches("GET_sum")).isFalse();
    assertThat(Glob.of("t?p").matches("tip")).isTrue();
    assertThat(Glob.of("t?p").matches("trip")).isFalse();
    assertThat(Glob.of("a.b").matches("axb")).as("regex characters are literal").isFalse();
    assertThat(Glob.of("*echo*").matches("evs_echo")).isTrue();
  }

  @Test
  void denyWinsAndAnEmptyAllowMeansEverything() {
    AllowDeny rules = AllowDeny.of(List.of(), List.of("*echo*"));
    assertThat(rules.permits("evs_echo", "echo")).isFalse();
    assertThat(rules.permits("evs_add", "add")).isTrue();

    AllowDeny both = AllowDeny.of(List.of("evs_*"), List.of("*secret*"));
    assertThat(both.permits("evs_add")).isTrue();
    assertThat(both.permits("evs_secret_key")).isFalse();
    assertThat(both.permits("evh_add")).isFalse();
  }

  @Test
  void anyOfSeveralNamesMayAllowButAnyDeniedNameDenies() {
    AllowDeny byOriginal = AllowDeny.of(List.of("add"), List.of());
    assertThat(byOriginal.permits("evs_add", "add")).isTrue();
    AllowDeny denyByNamespaced = AllowDeny.of(List.of("add"), List.of("evs_*"));
    assertThat(denyByNamespaced.permits("evs_add", "add")).isFalse();
  }

  @Test
  void aGroupViewSeesOnlyItsMembersUnderTheirOwnAndTheGroupsRules() {
    EndpointView group =
        new EndpointView(
            Map.of("a", AllowDeny.of(List.of(), List.of("*danger*"))),
            Optional.of(Set.of("a")),
            AllowDeny.of(List.of(), List.of("*delete*")));

    assertThat(group.tool("a", "a_read", "read")).isTrue();
    assertThat(group.tool("a", "a_danger", "danger")).isFalse();
    assertThat(group.tool("a", "a_delete", "delete")).isFalse();
    assertThat(group.tool("b", "b_read", "read")).isFalse();
    assertThat(group.server("b")).isFalse();
  }
}
