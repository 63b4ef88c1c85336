package dev.gatehouse.server.container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A request's line and header fields, as read from the wire. */
final class HttpHead {
  final String method;

  /** The request target as sent, query included. */
  final String target;

  final boolean http10;
  private final String[] names;
  private final String[] values;
  private final int count;

  HttpHead(
      String method, String target, boolean http10, String[] names, String[] values, int count) {
    this.method = method;
    this.target = target;
    this.http10 = http10;
    this.names = names;
    this.values = values;
    this.count = count;
  }

  /** The first value of the field, or null. Names are compared without regard to case. */
  String header(String name) {
    for (int i = 0; i < count; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  List<String> headers(String name) {
    List<String> all = new ArrayList<>(1);
    for (int i = 0; i < count; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        all.add(values[i]);
      }
    }
    return all;
  }

  Enumeration<String> names() {
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      distinct.add(names[i]);
    }
    return Collections.enumeration(distinct);
  }

  /** Whether the text is an RFC 9110 token, as field names and methods must be. */
  static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** Whether a comma-separated field such as Connection lists the token. */
  boolean lists(String name, String token) {
    for (int i = 0; i < count; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        for (String part : values[i].split(",")) {
          if (part.strip().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
