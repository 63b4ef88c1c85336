package dev.gatehouse.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns names, descriptions and queries into search terms: split on anything but letters and digits
 * and at camelCase humps, lower-cased, common English words dropped, plural and verb endings
 * trimmed so that "numbers" finds "number" and "searching" finds "search".
 */
final class Terms {
  private static final Set<String> STOPWORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "i", "in", "is",
          "it", "its", "me", "my", "of", "on", "or", "that", "the", "this", "to", "was", "were",
          "will", "with", "you", "your");

  private Terms() {}

  static List<String> of(String text) {
    List<String> terms = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char previous = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        add(terms, word);
      } else {
        if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
          add(terms, word);
        }
        word.append(c);
      }
      previous = c;
    }
    add(terms, word);
    return terms;
  }

  private static void add(List<String> terms, StringBuilder word) {
    if (word.isEmpty()) {
      return;
    }
    String lower = word.toString().toLowerCase(Locale.ROOT);
    word.setLength(0);
    if (!STOPWORDS.contains(lower)) {
      terms.add(stem(lower));
    }
  }

  /** A light suffix trim, applied alike to documents and queries, so only consistency matters. */
  static String stem(String word) {
    int n = word.length();
    if (n > 4 && word.endsWith("ies")) {
      return word.substring(0, n - 3) + "y";
    }
    if (n > 5 && word.endsWith("ing")) {
      return word.substring(0, n - 3);
    }
    if (n > 4 && word.endsWith("ed") && !word.endsWith("eed")) {
      return word.substring(0, n - 2);
    }
    if (n > 4 && (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes"))) {
      return word.substring(0, n - 2);
    }
    if (n > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
      return word.substring(0, n - 1);
    }
    return word;
  }
}
