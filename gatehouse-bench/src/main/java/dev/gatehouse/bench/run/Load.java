package dev.gatehouse.bench.run;

/**
 * One load of the matrix.
 *
 * @param upstream which upstream it runs against
 * @param kind {@code call-small}, {@code call-100k} or {@code list}
 * @param concurrency closed-loop clients
 */
record Load(String upstream, String kind, int concurrency) {
  static final int SMALL = 16;
  static final int LARGE = 100 * 1024;

  boolean listing() {
    return kind.equals("list");
  }

  int payload() {
    return kind.equals("call-100k") ? LARGE : SMALL;
  }

  String label() {
    return kind + " c" + concurrency;
  }
}
