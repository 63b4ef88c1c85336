package dev.gatehouse.discovery;

/**
 * Edit distance with adjacent transpositions (optimal string alignment), so "ecoh" is one edit from
 * "echo". Bounded: work stops once the distance must exceed the limit.
 */
final class EditDistance {
  private EditDistance() {}

  /** The distance between {@code a} and {@code b}, or {@code max + 1} when it is larger. */
  static int within(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > max) {
      return max + 1;
    }
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] spare = before;
      before = previous;
      previous = current;
      current = spare;
    }
    return Math.min(previous[m], max + 1);
  }
}
