package dev.gatehouse.store.jdbc;

import dev.gatehouse.store.StoreException;
import dev.gatehouse.upstream.Placeholders;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location as the config's {@code "store"} key gives it: {@code
 * postgresql://user:password@host:port/database?param=value} ({@code postgres://} and {@code
 * jdbc:postgresql://} too). User and password are percent-decoded, and any part may hold {@code
 * ${env:VAR}} or {@code ${file:path}} references, resolved here and taken verbatim, so a password
 * need not be in the config file nor be URL-encoded.
 *
 * @param params driver parameters passed through ({@code sslmode}, {@code currentSchema}, ...)
 */
record PostgresUrl(
    String host,
    int port,
    String database,
    Optional<String> user,
    Optional<String> password,
    Map<String, String> params) {

  static final int DEFAULT_PORT = 5432;
  private static final List<String> SCHEMES =
      List.of("postgresql://", "postgres://", "jdbc:postgresql://");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*}");

  /** Stands in for a reference while the URL is split, so its ':' and '/' do not count. */
  private static final char MARK = '\u0000';

  PostgresUrl {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** True when the text names a PostgreSQL database rather than a file or a keyword. */
  static boolean matches(String text) {
    return SCHEMES.stream().anyMatch(text::startsWith);
  }

  static PostgresUrl parse(String text, Placeholders placeholders) {
    String scheme =
        SCHEMES.stream()
            .filter(text::startsWith)
            .findFirst()
            .orElseThrow(() -> invalid(text, "it must start with postgresql://"));
    List<String> references = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text.substring(scheme.length()));
    StringBuilder masked = new StringBuilder();
    while (m.find()) {
      references.add(m.group());
      m.appendReplacement(
          masked, Matcher.quoteReplacement(MARK + String.valueOf(references.size() - 1) + MARK));
    }
    m.appendTail(masked);
    String rest = masked.toString();

    Map<String, String> params = new LinkedHashMap<>();
    int question = rest.indexOf('?');
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        params.put(
            part(key, references, placeholders, text), part(value, references, placeholders, text));
      }
      rest = rest.substring(0, question);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);

    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      if (!rawUser.isEmpty()) {
        user = Optional.of(part(rawUser, references, placeholders, text));
      }
      if (colon >= 0) {
        password = Optional.of(part(userInfo.substring(colon + 1), references, placeholders, text));
      }
    }

    String host;
    String portText = "";
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw invalid(text, "the IPv6 host has no closing ']'");
      }
      host = authority.substring(0, close + 1);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw invalid(text, "unexpected text after the host");
        }
        portText = after.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? "" : authority.substring(colon + 1);
      host = part(host, references, placeholders, text);
    }
    if (host.isEmpty()) {
      throw invalid(text, "it names no host");
    }
    int port = DEFAULT_PORT;
    if (!portText.isEmpty()) {
      String resolved = part(portText, references, placeholders, text);
      try {
        port = Integer.parseInt(resolved);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw invalid(text, "port \"" + resolved + "\" is not a number from 1 to 65535");
      }
    }
    // Like libpq: no database named means the one named after the user.
    String database =
        path.isEmpty() ? user.orElse("postgres") : part(path, references, placeholders, text);
    return new PostgresUrl(host, port, database, user, password, params);
  }

  /** The JDBC URL; user and password travel apart from it. */
  String jdbcUrl() {
    StringBuilder url =
        new StringBuilder("jdbc:postgresql://")
            .append(host)
            .append(':')
            .append(port)
            .append('/')
            .append(encode(database));
    StringJoiner query = new StringJoiner("&", "?", "");
    query.setEmptyValue("");
    params.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
    return url.append(query).toString();
  }

  /** How errors and logs name it: never with the password. */
  String describe() {
    return "PostgreSQL database "
        + database
        + " at "
        + host
        + ":"
        + port
        + user.map(u -> " as user " + u).orElse("");
  }

  private static String part(
      String raw, List<String> references, Placeholders placeholders, String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < raw.length()) {
      int mark = raw.indexOf(MARK, i);
      if (mark < 0) {
        out.append(decode(raw.substring(i), text));
        break;
      }
      out.append(decode(raw.substring(i, mark), text));
      int end = raw.indexOf(MARK, mark + 1);
      String reference = references.get(Integer.parseInt(raw.substring(mark + 1, end)));
      try {
        out.append(placeholders.resolve(reference));
      } catch (IllegalArgumentException e) {
        throw StoreException.invalid("store", null, "store", e.getMessage());
      }
      i = end + 1;
    }
    return out.toString();
  }

  /** Percent-decoding as URLs mean it: {@code +} stays a plus. */
  private static String decode(String raw, String text) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw invalid(text, "a '%' is not followed by two hex digits");
        }
        try {
          bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          throw invalid(text, "a '%' is not followed by two hex digits");
        }
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static StoreException invalid(String text, String reason) {
    return StoreException.invalid(
        "store", null, "store", "the PostgreSQL URL " + redact(text) + " is invalid: " + reason);
  }

  /** The text with anything between "://user:" and "@" hidden. */
  static String redact(String text) {
    return text.replaceFirst("(://[^:/@]*:)[^@]*@", "$1***@");
  }
}
