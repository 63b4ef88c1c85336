package dev.gatehouse.upstream.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a program the way a shell does: a name with a slash is a path (relative to the working
 * directory), a bare name is looked up on the {@code PATH} the child will see. Doing it here gives
 * a clear "command not found" and honours a {@code PATH} set in the server's env, which {@link
 * ProcessBuilder} ignores.
 */
final class CommandLocator {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private CommandLocator() {}

  /**
   * The absolute path of the program to run.
   *
   * @param environment the child's full environment
   * @throws TransportException "command not found: X" when there is no such executable
   */
  static String locate(String command, Map<String, String> environment, Optional<Path> cwd)
      throws TransportException {
    try {
      if (command.contains("/") || (WINDOWS && command.contains("\\"))) {
        Path path = Path.of(command);
        if (!path.isAbsolute() && cwd.isPresent()) {
          path = cwd.get().resolve(path);
        }
        return executable(path).orElseThrow(() -> notFound(command)).toString();
      }
      String searchPath = pathVariable(environment);
      for (String dir : searchPath.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        for (String extension : extensions(environment)) {
          Optional<Path> found = executable(Path.of(dir, command + extension));
          if (found.isPresent()) {
            return found.get().toString();
          }
        }
      }
    } catch (InvalidPathException e) {
      throw new TransportException("command not found: " + command + " (" + e.getMessage() + ")");
    }
    throw notFound(command);
  }

  private static Optional<Path> executable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path)
        ? Optional.of(path.toAbsolutePath())
        : Optional.empty();
  }

  private static String pathVariable(Map<String, String> environment) {
    return environment.entrySet().stream()
        .filter(e -> WINDOWS ? e.getKey().equalsIgnoreCase("PATH") : e.getKey().equals("PATH"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("");
  }

  private static List<String> extensions(Map<String, String> environment) {
    if (!WINDOWS) {
      return List.of("");
    }
    String pathext =
        environment.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("PATHEXT"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(".COM;.EXE;.BAT;.CMD");
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(""), List.of(pathext.split(";")).stream())
        .toList();
  }

  private static TransportException notFound(String command) {
    return new TransportException("command not found: " + command);
  }
}
