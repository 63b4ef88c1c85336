package dev.gatehouse.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource URI template with simple {@code {name}} variables (RFC 6570 level 1, plus {@code
 * {+name}} for values that may contain slashes), enough to match URIs against the templates a test
 * server advertises.
 */
public final class UriTemplate {
  private static final Pattern VARIABLE = Pattern.compile("\\{(\\+?)([A-Za-z0-9_.]+)}");

  private final String template;
  private final Pattern pattern;
  private final List<String> names;

  private UriTemplate(String template, Pattern pattern, List<String> names) {
    this.template = template;
    this.pattern = pattern;
    this.names = names;
  }

  public static UriTemplate of(String template) {
    Objects.requireNonNull(template, "template");
    StringBuilder regex = new StringBuilder();
    List<String> names = new ArrayList<>();
    Matcher m = VARIABLE.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      regex.append(m.group(1).isEmpty() ? "([^/?#]+)" : "(.+)");
      names.add(m.group(2));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return new UriTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names));
  }

  /** The variables' values when {@code uri} matches the whole template. */
  public Optional<Map<String, String>> match(String uri) {
    Matcher m = pattern.matcher(uri);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      values.put(names.get(i), m.group(i + 1));
    }
    return Optional.of(values);
  }

  @Override
  public String toString() {
    return template;
  }
}
