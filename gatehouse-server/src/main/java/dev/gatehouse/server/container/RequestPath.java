package dev.gatehouse.server.container;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request target split into path and query, with the path decoded. Targets whose meaning could
 * differ between this server and a servlet are refused rather than normalized: dot segments,
 * encoded slashes, backslashes, dots and NULs, path parameters, empty segments, and control
 * characters anywhere. Servlets then see the same path that routing saw.
 *
 * @param rawPath the path as sent (what {@code getRequestURI()} returns)
 * @param path the decoded path that routing and {@code getPathInfo()} use
 * @param query the query without its {@code ?}, or null
 */
record RequestPath(String rawPath, String path, String query) {

  static RequestPath parse(String target) throws BadRequest {
    String t = target;
    if (!t.startsWith("/")) {
      // The absolute form (RFC 9112, section 3.2.2): only its path is ours to serve.
      int scheme = t.indexOf("://");
      if (scheme <= 0) {
        throw new BadRequest(400, "Unsupported request target");
      }
      int slash = t.indexOf('/', scheme + 3);
      int mark = t.indexOf('?', scheme + 3);
      if (slash < 0 || (mark >= 0 && mark < slash)) {
        t = "/" + (mark >= 0 ? t.substring(mark) : "");
      } else {
        t = t.substring(slash);
      }
    }
    int mark = t.indexOf('?');
    String raw = mark < 0 ? t : t.substring(0, mark);
    String query = mark < 0 ? null : t.substring(mark + 1);
    int fragment = query == null ? raw.indexOf('#') : -1;
    if (fragment >= 0) {
      raw = raw.substring(0, fragment);
    }
    return new RequestPath(raw, decode(raw), query);
  }

  private static String decode(String raw) throws BadRequest {
    if (raw.indexOf('\\') >= 0 || raw.indexOf(';') >= 0 || raw.contains("//")) {
      throw ambiguous();
    }
    String decoded = raw;
    if (raw.indexOf('%') >= 0) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '%') {
          if (i + 2 >= raw.length()) {
            throw new BadRequest(400, "Malformed percent-encoding in the path");
          }
          int value = hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2));
          if (value == '/' || value == '\\' || value == '.' || value == 0 || value == ';') {
            throw ambiguous();
          }
          bytes.write(value);
          i += 2;
        } else {
          bytes.write(c);
        }
      }
      decoded = bytes.toString(StandardCharsets.UTF_8);
    }
    if (hasDotSegment(decoded)) {
      throw ambiguous();
    }
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new BadRequest(400, "Control character in the path");
      }
    }
    return decoded;
  }

  /** Whether a segment is "." or "..". */
  private static boolean hasDotSegment(String path) {
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      int length = end - start;
      if ((length == 1 || length == 2) && path.startsWith(length == 1 ? "." : "..", start)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static int hex(char c) throws BadRequest {
    int v = Character.digit(c, 16);
    if (v < 0) {
      throw new BadRequest(400, "Malformed percent-encoding in the path");
    }
    return v;
  }

  private static BadRequest ambiguous() {
    return new BadRequest(400, "Ambiguous request path");
  }
}
