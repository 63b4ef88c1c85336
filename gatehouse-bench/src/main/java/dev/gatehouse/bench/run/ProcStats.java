package dev.gatehouse.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process and all its descendants, read from {@code /proc}: the
 * same measure for a JVM, nginx (master and workers) and Node.
 */
final class ProcStats {
  /** Clock ticks per second of {@code /proc/PID/stat}; 100 on every Linux we run on. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcStats() {}

  /** A reading: CPU microseconds (user + system) and resident bytes of the whole tree. */
  record Sample(long cpuMicros, long rssBytes) {}

  static Sample of(long rootPid) {
    long ticks = 0;
    long rss = 0;
    for (long pid : tree(rootPid)) {
      ticks += cpuTicks(pid);
      rss += rssBytes(pid);
    }
    return new Sample(ticks * 1_000_000 / TICKS_PER_SECOND, rss);
  }

  private static List<Long> tree(long root) {
    Map<Long, List<Long>> children = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .forEach(n -> {
            String[] stat = stat(Long.parseLong(n));
            if (stat.length > 1) {
              children
                  .computeIfAbsent(Long.parseLong(stat[1]), k -> new ArrayList<>())
                  .add(Long.parseLong(n));
            }
          });
    } catch (IOException e) {
      return List.of(root);
    }
    List<Long> all = new ArrayList<>();
    List<Long> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty() && all.size() < 10_000) {
      long pid = todo.remove(todo.size() - 1);
      all.add(pid);
      todo.addAll(children.getOrDefault(pid, List.of()));
    }
    return all;
  }

  /**
   * Fields of {@code /proc/PID/stat} after the command name: [0] state, [1] ppid, ... [11] utime,
   * [12] stime. Empty when the process is gone.
   */
  private static String[] stat(long pid) {
    try {
      String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return text.substring(text.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return new String[0];
    }
  }

  private static long cpuTicks(long pid) {
    String[] stat = stat(pid);
    return stat.length > 12 ? Long.parseLong(stat[11]) + Long.parseLong(stat[12]) : 0;
  }

  private static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return 0;
  }
}
