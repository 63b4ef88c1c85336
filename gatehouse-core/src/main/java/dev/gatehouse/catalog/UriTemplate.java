package dev.gatehouse.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches URIs against an RFC 6570 URI template, as far as routing a {@code resources/read} to the
 * upstream that owns the template needs: literal parts must match exactly, expressions match what
 * their operator can expand to.
 */
final class UriTemplate {
  private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)[^}]*}");

  private final Pattern pattern;

  private UriTemplate(Pattern pattern) {
    this.pattern = pattern;
  }

  static UriTemplate of(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher m = EXPRESSION.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      regex.append(
          switch (m.group(1)) {
            case "+", "#" -> ".*";
            case "/" -> "(?:/[^?#]*)?";
            case "." -> "(?:\\.[^/?#]*)?";
            case ";" -> "(?:;[^/?#]*)?";
            case "?", "&" -> "(?:[?&].*)?";
            default -> "[^/?#]*";
          });
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return new UriTemplate(Pattern.compile(regex.toString()));
  }

  boolean matches(String uri) {
    return pattern.matcher(uri).matches();
  }
}
