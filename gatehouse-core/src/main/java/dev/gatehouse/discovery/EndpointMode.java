package dev.gatehouse.discovery;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an endpoint's {@code tools/list} shows: the namespaced upstream tools, only the meta-tools
 * that find them on demand, or both.
 */
public enum EndpointMode {
  /** Every visible upstream tool, namespaced; no meta-tools. */
  FLAT("flat"),
  /** Only the meta-tools; upstream tools are found with them and run through execute_tool. */
  DISCOVERY("discovery"),
  /** The meta-tools first, then every visible upstream tool. */
  HYBRID("hybrid");

  private final String id;

  EndpointMode(String id) {
    this.id = id;
  }

  /** The config spelling: {@code flat}, {@code discovery} or {@code hybrid}. */
  public String id() {
    return id;
  }

  /** Whether the meta-tools are listed and callable. */
  public boolean hasMetaTools() {
    return this != FLAT;
  }

  /** Whether the upstream tools are listed one by one. */
  public boolean listsUpstreamTools() {
    return this != DISCOVERY;
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static EndpointMode parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (EndpointMode mode : values()) {
      if (mode.id.equals(wanted)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "\""
            + text
            + "\" is not a mode; use one of "
            + Arrays.stream(values()).map(EndpointMode::id).collect(Collectors.joining(", ")));
  }
}
