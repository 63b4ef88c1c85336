package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Near misses of a tool name: typos, a different case, the upstream's own name without the prefix,
 * or a part of the name. Only ever given the tools the caller may see.
 */
final class NameSuggestions {
  private static final int LIMIT = 5;

  private NameSuggestions() {}

  private record Candidate(ToolEntry tool, double distance) {}

  /** Up to five names close to {@code wanted}, closest first. */
  static List<ToolEntry> near(String wanted, List<ToolEntry> tools) {
    return ranked(wanted, tools).stream().limit(LIMIT).map(Candidate::tool).toList();
  }

  /**
   * The one tool {@code wanted} surely means: the same name in another case, the only tool with
   * that unprefixed name, or a single closest name at most two edits away.
   */
  static Optional<ToolEntry> resolve(String wanted, List<ToolEntry> tools) {
    String lower = wanted.toLowerCase(Locale.ROOT);
    List<ToolEntry> sameName =
        tools.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
    if (sameName.size() == 1) {
      return Optional.of(sameName.getFirst());
    }
    List<ToolEntry> sameOriginal =
        tools.stream()
            .filter(t -> t.originalName().toLowerCase(Locale.ROOT).equals(lower))
            .toList();
    if (sameOriginal.size() == 1) {
      return Optional.of(sameOriginal.getFirst());
    }
    List<Candidate> ranked = ranked(wanted, tools);
    if (ranked.isEmpty() || ranked.getFirst().distance() > 2) {
      return Optional.empty();
    }
    boolean tie = ranked.size() > 1 && ranked.get(1).distance() == ranked.getFirst().distance();
    return tie ? Optional.empty() : Optional.of(ranked.getFirst().tool());
  }

  private static List<Candidate> ranked(String wanted, List<ToolEntry> tools) {
    String lower = wanted.toLowerCase(Locale.ROOT);
    int max = Math.max(2, lower.length() / 3);
    List<Candidate> candidates = new ArrayList<>();
    for (ToolEntry tool : tools) {
      String name = tool.name().toLowerCase(Locale.ROOT);
      String original = tool.originalName().toLowerCase(Locale.ROOT);
      int distance =
          Math.min(
              EditDistance.within(lower, name, max), EditDistance.within(lower, original, max));
      if (distance <= max) {
        candidates.add(new Candidate(tool, distance));
      } else if (lower.length() >= 3 && (name.contains(lower) || lower.contains(original))) {
        candidates.add(new Candidate(tool, max + 0.5));
      }
    }
    candidates.sort(
        Comparator.comparingDouble(Candidate::distance).thenComparing(c -> c.tool().name()));
    return candidates;
  }
}
