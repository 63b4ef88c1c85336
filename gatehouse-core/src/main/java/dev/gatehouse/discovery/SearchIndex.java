package dev.gatehouse.discovery;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.ToolEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A ranked search over one catalog's tools: BM25 over the name and title, the description and the
 * parameters' names and descriptions (each field weighted), with near-miss query words expanded to
 * the index's own words, and tools whose name is (nearly) the query put first. Built once per
 * catalog snapshot; each search only sums postings, so thousands of tools stay fast.
 *
 * <p>The index holds every tool of the catalog; callers pass what the caller may see, and hidden
 * tools never appear in results.
 */
final class SearchIndex {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private static final float NAME_WEIGHT = 3f;
  private static final float DESCRIPTION_WEIGHT = 1f;
  private static final float PARAMETER_NAME_WEIGHT = 1.5f;
  private static final float PARAMETER_DESCRIPTION_WEIGHT = 0.5f;
  private static final double PREFIX_WEIGHT = 0.7;
  private static final double NEAR_MISS_WEIGHT = 0.5;
  private static final int MAX_EXPANSIONS = 8;

  private final Catalog catalog;
  private final List<ToolEntry> tools;
  private final String[] names;
  private final String[] originals;
  private final float[] lengths;
  private final double averageLength;
  private final Map<String, Postings> postings;
  private final String[] vocabulary;

  private record Postings(int[] docs, float[] frequencies) {}

  /**
   * One tool found, with its rank key: name closeness first, then the BM25 score, then catalog
   * order (earlier first), so equal matches always come in the same order.
   */
  record Hit(ToolEntry tool, int nameTier, double score, int position) {}

  private SearchIndex(
      Catalog catalog,
      List<ToolEntry> tools,
      float[] lengths,
      double averageLength,
      Map<String, Postings> postings) {
    this.catalog = catalog;
    this.tools = tools;
    this.lengths = lengths;
    this.averageLength = averageLength;
    this.postings = postings;
    this.vocabulary = postings.keySet().stream().sorted().toArray(String[]::new);
    this.names = new String[tools.size()];
    this.originals = new String[tools.size()];
    for (int i = 0; i < tools.size(); i++) {
      names[i] = tools.get(i).name().toLowerCase(Locale.ROOT);
      originals[i] = tools.get(i).originalName().toLowerCase(Locale.ROOT);
    }
  }

  static SearchIndex of(Catalog catalog) {
    List<ToolEntry> tools = catalog.tools();
    Map<String, PostingsBuilder> builders = new HashMap<>();
    float[] lengths = new float[tools.size()];
    double total = 0;
    for (int doc = 0; doc < tools.size(); doc++) {
      float length = 0;
      for (Map.Entry<String, Float> term : fields(tools.get(doc)).entrySet()) {
        builders
            .computeIfAbsent(term.getKey(), k -> new PostingsBuilder())
            .add(doc, term.getValue());
        length += term.getValue();
      }
      lengths[doc] = length;
      total += length;
    }
    Map<String, Postings> postings = new HashMap<>();
    builders.forEach((term, builder) -> postings.put(term, builder.build()));
    double average = tools.isEmpty() ? 1 : Math.max(1, total / tools.size());
    return new SearchIndex(catalog, tools, lengths, average, postings);
  }

  private static final class PostingsBuilder {
    private int[] docs = new int[4];
    private float[] frequencies = new float[4];
    private int size;

    void add(int doc, float frequency) {
      if (size == docs.length) {
        docs = Arrays.copyOf(docs, size * 2);
        frequencies = Arrays.copyOf(frequencies, size * 2);
      }
      docs[size] = doc;
      frequencies[size] = frequency;
      size++;
    }

    Postings build() {
      return new Postings(Arrays.copyOf(docs, size), Arrays.copyOf(frequencies, size));
    }
  }

  /** The catalog snapshot this index was built from. */
  Catalog catalog() {
    return catalog;
  }

  private static Map<String, Float> fields(ToolEntry tool) {
    Map<String, Float> frequencies = new LinkedHashMap<>();
    JsonNode definition = tool.definition();
    count(frequencies, tool.name(), NAME_WEIGHT);
    count(frequencies, definition.path("title").asString(""), NAME_WEIGHT);
    count(frequencies, definition.path("annotations").path("title").asString(""), NAME_WEIGHT);
    count(frequencies, tool.description(), DESCRIPTION_WEIGHT);
    for (Map.Entry<String, JsonNode> parameter :
        definition.path("inputSchema").path("properties").properties()) {
      count(frequencies, parameter.getKey(), PARAMETER_NAME_WEIGHT);
      count(
          frequencies,
          parameter.getValue().path("description").asString(""),
          PARAMETER_DESCRIPTION_WEIGHT);
    }
    return frequencies;
  }

  private static void count(Map<String, Float> frequencies, String text, float weight) {
    for (String term : Terms.of(text)) {
      frequencies.merge(term, weight, Float::sum);
    }
  }

  /** The best {@code limit} tools for a query among those {@code visible} accepts, best first. */
  List<Hit> search(String query, Predicate<ToolEntry> visible, int limit) {
    double[] scores = new double[tools.size()];
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String term : Terms.of(query)) {
      if (postings.containsKey(term)) {
        weights.merge(term, 1.0, Math::max);
      } else {
        expand(term).forEach((similar, weight) -> weights.merge(similar, weight, Math::max));
      }
    }
    for (Map.Entry<String, Double> term : weights.entrySet()) {
      Postings hits = postings.get(term.getKey());
      double idf =
          Math.log(1 + (tools.size() - hits.docs().length + 0.5) / (hits.docs().length + 0.5));
      for (int i = 0; i < hits.docs().length; i++) {
        int doc = hits.docs()[i];
        double tf = hits.frequencies()[i];
        double norm = K1 * (1 - B + B * lengths[doc] / averageLength);
        scores[doc] += term.getValue() * idf * tf * (K1 + 1) / (tf + norm);
      }
    }
    String wanted = query.trim().toLowerCase(Locale.ROOT);
    boolean nameLike = !wanted.isEmpty() && wanted.chars().noneMatch(Character::isWhitespace);
    Comparator<Hit> rank =
        Comparator.comparingInt(Hit::nameTier)
            .thenComparingDouble(Hit::score)
            .thenComparing(Comparator.comparingInt(Hit::position).reversed());
    PriorityQueue<Hit> best = new PriorityQueue<>(rank);
    for (int doc = 0; doc < tools.size(); doc++) {
      int tier = nameLike ? nameTier(wanted, doc) : 0;
      if (tier == 0 && scores[doc] <= 0) {
        continue;
      }
      ToolEntry tool = tools.get(doc);
      if (!visible.test(tool)) {
        continue;
      }
      best.add(new Hit(tool, tier, scores[doc], doc));
      if (best.size() > limit) {
        best.poll();
      }
    }
    List<Hit> ordered = new ArrayList<>(best);
    ordered.sort(rank.reversed());
    return ordered;
  }

  /** 3: the exact name; 2: one edit away; 1: two edits away (longer names); 0: otherwise. */
  private int nameTier(String wanted, int doc) {
    if (wanted.equals(names[doc]) || wanted.equals(originals[doc])) {
      return 3;
    }
    int max = wanted.length() >= 6 ? 2 : 1;
    int distance =
        Math.min(
            EditDistance.within(wanted, names[doc], max),
            EditDistance.within(wanted, originals[doc], max));
    return distance > max ? 0 : 3 - distance;
  }

  /** Index words close to a word the index lacks: ones it begins, or a typo or two away. */
  private Map<String, Double> expand(String term) {
    Map<String, Double> similar = new LinkedHashMap<>();
    if (term.length() < 3) {
      return similar;
    }
    int max = term.length() >= 8 ? 2 : term.length() >= 4 ? 1 : 0;
    for (String candidate : vocabulary) {
      if (similar.size() >= MAX_EXPANSIONS) {
        break;
      }
      if (candidate.startsWith(term)) {
        similar.put(candidate, PREFIX_WEIGHT);
      } else if (max > 0 && EditDistance.within(term, candidate, max) <= max) {
        similar.put(candidate, NEAR_MISS_WEIGHT);
      }
    }
    return similar;
  }
}
