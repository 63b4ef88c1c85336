package dev.gatehouse.plugin;

import dev.gatehouse.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request to a plugin's admin route.
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param path the part after {@code /admin/plugins/{name}}: {@code ""} or {@code /...}
 * @param query the query parameters, each with its values in order
 * @param header a request header by case-insensitive name
 * @param body the request body; empty when none
 */
public record AdminRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Function<String, Optional<String>> header,
    byte[] body) {

  public AdminRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
  }

  /** The first value of a query parameter. */
  public Optional<String> parameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /**
   * The body as JSON; an empty body is an empty object.
   *
   * @throws dev.gatehouse.protocol.GatewayException with {@code PARSE_ERROR} when it is not JSON
   */
  public JsonNode json() {
    return body.length == 0 ? Json.object() : Json.parse(body);
  }
}
