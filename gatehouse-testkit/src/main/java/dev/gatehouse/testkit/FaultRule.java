package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Request;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * When a {@link Fault} applies: to requests of one method, optionally only to those naming one
 * target ({@code params.name} for tools and prompts, {@code params.uri} for resources), for a
 * number of times or for ever.
 *
 * @param method the JSON-RPC method, e.g. {@code tools/call}
 * @param target the tool or prompt name or the resource URI; empty matches every request
 * @param fault what to do
 * @param times how many matching requests it applies to; {@code 0} means every one
 */
public record FaultRule(String method, Optional<String> target, Fault fault, int times) {

  public FaultRule {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(fault, "fault");
    if (times < 0) {
      throw new IllegalArgumentException("times must be 0 (always) or positive");
    }
  }

  /** Applies to every request of {@code method}. */
  public static FaultRule always(String method, Fault fault) {
    return new FaultRule(method, Optional.empty(), fault, 0);
  }

  /** Applies to the next request of {@code method} only. */
  public static FaultRule once(String method, Fault fault) {
    return new FaultRule(method, Optional.empty(), fault, 1);
  }

  /** Applies to every request of {@code method} that names {@code target}. */
  public static FaultRule always(String method, String target, Fault fault) {
    return new FaultRule(method, Optional.of(target), fault, 0);
  }

  /** Applies to the next request of {@code method} that names {@code target}. */
  public static FaultRule once(String method, String target, Fault fault) {
    return new FaultRule(method, Optional.of(target), fault, 1);
  }

  boolean matches(Request request) {
    if (!method.equals(request.method())) {
      return false;
    }
    if (target.isEmpty()) {
      return true;
    }
    JsonNode params = request.json().get("params");
    String named = Json.string(params, "name").or(() -> Json.string(params, "uri")).orElse(null);
    return target.get().equals(named);
  }
}
