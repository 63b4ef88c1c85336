package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Many {@link Glob}s matched as one: whether any of them matches a name, in one pass over the
 * name's characters whatever the number of globs. The globs become one nondeterministic automaton;
 * its deterministic states are built as names need them and kept (a lazy subset construction), so
 * after a warm-up a name costs one table step per character. Past {@link #MAX_STATES} states it
 * stops keeping new ones and steps the nondeterministic automaton directly, which is slower but
 * bounded. Same meaning as {@link Glob}: case-sensitive, {@code *} any run, {@code ?} any one
 * character (code point). Thread-safe.
 */
final class GlobSet {
  static final int MAX_STATES = 10_000;
  private static final int STAR = -1;
  private static final int ANY = -2;

  /** Each glob as tokens: a code point, {@link #ANY} or {@link #STAR}. */
  private final int[][] globs;

  /** Where each glob's positions start in the numbering of automaton positions. */
  private final int[] base;

  private final int positions;

  /** Code points that occur in some glob, each with its class; all others share class 0. */
  private final int[] asciiClass = new int[128];

  private final Map<Integer, Integer> otherClass = new HashMap<>();
  private final int[] classCodePoint;
  private final Map<Key, State> states = new HashMap<>();
  private final State start;
  private final boolean empty;
  private final int maxStates;

  /** A set of automaton positions (sorted), as a map key. */
  private record Key(int[] positions) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && Arrays.equals(positions, other.positions);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(positions);
    }
  }

  /** A deterministic state: the positions it stands for, and its steps as they get known. */
  private static final class State {
    final int[] positions;
    final boolean accepting;
    final AtomicReferenceArray<State> next;

    State(int[] positions, boolean accepting, int classes) {
      this.positions = positions;
      this.accepting = accepting;
      this.next = new AtomicReferenceArray<>(classes);
    }
  }

  private GlobSet(List<String> texts, int maxStates) {
    this.maxStates = maxStates;
    globs = new int[texts.size()][];
    base = new int[texts.size()];
    List<Integer> codePoints = new ArrayList<>();
    codePoints.add(-1);
    int total = 0;
    for (int g = 0; g < globs.length; g++) {
      globs[g] = tokens(texts.get(g));
      base[g] = total;
      total += globs[g].length + 1;
      for (int token : globs[g]) {
        if (token >= 0 && classOf(token) == 0) {
          int cls = codePoints.size();
          codePoints.add(token);
          if (token < 128) {
            asciiClass[token] = cls;
          } else {
            otherClass.put(token, cls);
          }
        }
      }
    }
    positions = total;
    classCodePoint = codePoints.stream().mapToInt(Integer::intValue).toArray();
    empty = globs.length == 0;
    BitSet initial = new BitSet(positions);
    for (int g = 0; g < globs.length; g++) {
      addClosed(initial, g, 0);
    }
    start = intern(initial);
  }

  static GlobSet of(List<String> globs) {
    return new GlobSet(globs, MAX_STATES);
  }

  /** With a smaller table, so that tests reach the path taken when it is full. */
  static GlobSet of(List<String> globs, int maxStates) {
    return new GlobSet(globs, maxStates);
  }

  /** Whether some glob matches the whole of {@code name}. */
  boolean matches(String name) {
    if (empty) {
      return false;
    }
    State state = start;
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      i += Character.charCount(codePoint);
      int cls = classOf(codePoint);
      State next = state.next.get(cls);
      if (next == null) {
        next = step(state, cls);
        if (next == null) {
          return matchesFrom(state.positions, name, i - Character.charCount(codePoint));
        }
      }
      if (next.positions.length == 0) {
        return false;
      }
      state = next;
    }
    return state.accepting;
  }

  /** The state after {@code state} on a character of class {@code cls}; null when full. */
  private State step(State state, int cls) {
    BitSet after = advance(state.positions, cls);
    synchronized (states) {
      State known = states.get(new Key(toArray(after)));
      if (known == null) {
        if (states.size() >= maxStates) {
          return null;
        }
        known = intern(after);
      }
      state.next.set(cls, known);
      return known;
    }
  }

  /** Steps the positions themselves, without building states (the table is full). */
  private boolean matchesFrom(int[] from, String name, int index) {
    int[] current = from;
    for (int i = index; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      i += Character.charCount(codePoint);
      current = toArray(advance(current, classOf(codePoint)));
      if (current.length == 0) {
        return false;
      }
    }
    return accepting(current);
  }

  private State intern(BitSet set) {
    int[] members = toArray(set);
    State state = new State(members, accepting(members), classCodePoint.length);
    synchronized (states) {
      State known = states.putIfAbsent(new Key(members), state);
      return known == null ? state : known;
    }
  }

  private BitSet advance(int[] from, int cls) {
    BitSet after = new BitSet(positions);
    for (int position : from) {
      int g = globOf(position);
      int p = position - base[g];
      int[] tokens = globs[g];
      if (p == tokens.length) {
        continue;
      }
      int token = tokens[p];
      if (token == STAR) {
        addClosed(after, g, p);
      } else if (token == ANY || (cls != 0 && token == classCodePoint[cls])) {
        addClosed(after, g, p + 1);
      }
    }
    return after;
  }

  /** Adds a position and, since a star may match nothing, the positions after its stars. */
  private void addClosed(BitSet set, int g, int p) {
    int[] tokens = globs[g];
    set.set(base[g] + p);
    while (p < tokens.length && tokens[p] == STAR) {
      p++;
      set.set(base[g] + p);
    }
  }

  private boolean accepting(int[] members) {
    for (int position : members) {
      int g = globOf(position);
      if (position - base[g] == globs[g].length) {
        return true;
      }
    }
    return false;
  }

  /** The glob a position belongs to; every glob has at least one, so bases strictly grow. */
  private int globOf(int position) {
    int g = Arrays.binarySearch(base, position);
    return g >= 0 ? g : -g - 2;
  }

  private int classOf(int codePoint) {
    if (codePoint < 128) {
      return asciiClass[codePoint];
    }
    Integer cls = otherClass.get(codePoint);
    return cls == null ? 0 : cls;
  }

  private static int[] toArray(BitSet set) {
    return set.stream().toArray();
  }

  private static int[] tokens(String glob) {
    int[] tokens = new int[glob.length()];
    int n = 0;
    for (int i = 0; i < glob.length(); ) {
      int codePoint = glob.codePointAt(i);
      i += Character.charCount(codePoint);
      int token = codePoint == '*' ? STAR : codePoint == '?' ? ANY : codePoint;
      if (token == STAR && n > 0 && tokens[n - 1] == STAR) {
        continue; // "**" means what "*" means
      }
      tokens[n++] = token;
    }
    return Arrays.copyOf(tokens, n);
  }
}
