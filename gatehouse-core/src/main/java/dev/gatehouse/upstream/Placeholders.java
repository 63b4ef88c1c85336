package dev.gatehouse.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves the references that configured values may hold, so that secrets stay out of the
 * configuration and the store:
 *
 * <ul>
 *   <li>{@code ${VAR}} and {@code ${env:VAR}}: an environment variable; {@code ${VAR:-fallback}}
 *       uses the fallback when the variable is unset or empty;
 *   <li>{@code ${file:path}}: the content of a file, without its trailing line break ({@code ~/}
 *       means the home directory);
 *   <li>{@code $${}: a literal {@code ${}.
 * </ul>
 *
 * A reference that cannot be resolved is an error, never an empty string: sending an empty
 * credential would only move the failure somewhere harder to read.
 */
public final class Placeholders {
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Function<String, Optional<String>> environment;

  /** Resolves against the given environment lookup. */
  public Placeholders(Function<String, Optional<String>> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Resolves against the gateway process's environment. */
  public static Placeholders fromSystem() {
    return new Placeholders(name -> Optional.ofNullable(System.getenv(name)));
  }

  /** True when {@code text} holds at least one reference. */
  public static boolean hasReferences(String text) {
    return text.contains("${");
  }

  /**
   * The text with every reference replaced.
   *
   * @throws IllegalArgumentException naming the reference when one cannot be resolved or is
   *     malformed
   */
  public String resolve(String text) {
    if (!hasReferences(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException(
              "unterminated reference \"" + text.substring(i) + "\"");
        }
        out.append(lookup(text.substring(i + 2, end)));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Every value of the map resolved, keys unchanged; the error names the failing key. */
  public Map<String, String> resolveValues(Map<String, String> values, String what) {
    Map<String, String> resolved = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      try {
        resolved.put(key, resolve(value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + " " + key + ": " + e.getMessage(), e);
      }
    });
    return resolved;
  }

  private String lookup(String reference) {
    if (reference.startsWith("file:")) {
      return readFile(reference.substring("file:".length()));
    }
    String body = reference.startsWith("env:") ? reference.substring("env:".length()) : reference;
    int dash = body.indexOf(":-");
    String name = dash >= 0 ? body.substring(0, dash) : body;
    if (!VARIABLE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "malformed reference ${"
              + reference
              + "} (expected ${VAR}, ${env:VAR}, ${VAR:-default} or ${file:path})");
    }
    Optional<String> value = environment.apply(name).filter(v -> !v.isEmpty());
    if (value.isPresent()) {
      return value.get();
    }
    if (dash >= 0) {
      return body.substring(dash + 2);
    }
    throw new IllegalArgumentException(
        "environment variable " + name + " is not set (referenced as ${" + reference + "})");
  }

  private static String readFile(String spelled) {
    if (spelled.isBlank()) {
      throw new IllegalArgumentException("malformed reference ${file:} (no path)");
    }
    Path path =
        spelled.startsWith("~/")
            ? Path.of(System.getProperty("user.home"), spelled.substring(2))
            : Path.of(spelled);
    try {
      String content = Files.readString(path, StandardCharsets.UTF_8);
      return content.endsWith("\r\n")
          ? content.substring(0, content.length() - 2)
          : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read " + path + " (referenced as ${file:" + spelled + "}): " + describe(e), e);
    }
  }

  private static String describe(Exception e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException n -> "no such file";
      case java.nio.file.AccessDeniedException a -> "permission denied";
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }
}
