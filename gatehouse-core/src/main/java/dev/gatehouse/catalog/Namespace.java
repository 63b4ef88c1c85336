package dev.gatehouse.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * How one upstream's names appear to clients: {@code {prefix}{separator}{name}}, or the name as it
 * is when the prefix is empty. Server names are {@code [a-z0-9-]+} and the separator is not one of
 * those characters, so an exposed name splits back unambiguously.
 */
public record Namespace(String prefix, String separator) {

  public static final String DEFAULT_SEPARATOR = "_";

  public Namespace {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(separator, "separator");
  }

  public String expose(String name) {
    return prefix.isEmpty() ? name : prefix + separator + name;
  }

  /** The upstream's own name for an exposed one, when it belongs to this namespace. */
  public Optional<String> original(String exposed) {
    if (prefix.isEmpty()) {
      return Optional.of(exposed);
    }
    String head = prefix + separator;
    return exposed.startsWith(head) && exposed.length() > head.length()
        ? Optional.of(exposed.substring(head.length()))
        : Optional.empty();
  }

  /**
   * A resource URI that names its upstream explicitly: {@code {server}+{uri}}. It keeps a valid URI
   * scheme ({@code evh+demo://...}) and is only needed when two upstreams share a URI.
   */
  public static String qualifiedUri(String server, String uri) {
    return server + "+" + uri;
  }
}
