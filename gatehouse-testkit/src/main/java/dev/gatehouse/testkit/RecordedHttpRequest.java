package dev.gatehouse.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a {@link HttpTestServer} received it, before the MCP endpoint handled it.
 *
 * @param method GET, POST or DELETE
 * @param path the request path
 * @param headers every header, names in lower case, values in arrival order
 * @param body the POST body as text; empty for GET and DELETE
 */
public record RecordedHttpRequest(
    String method, String path, Map<String, List<String>> headers, Optional<String> body) {

  public RecordedHttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
