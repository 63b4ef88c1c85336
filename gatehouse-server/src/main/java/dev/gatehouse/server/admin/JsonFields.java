package dev.gatehouse.server.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads typed values out of a request body, refusing a wrong type with a 422 that names the field.
 * A JSON {@code null} reads as absent, which in a PATCH clears the field.
 */
final class JsonFields {
  private JsonFields() {}

  /** Refuses fields outside {@code known}: a typo ({@code "denny"}) must not pass silently. */
  static void onlyKnown(ObjectNode body, Set<String> known, Set<String> ignored) {
    for (String field : body.propertyNames()) {
      if (!known.contains(field) && !ignored.contains(field)) {
        throw new ApiException(422, "unknown_field", "unknown field \"" + field + "\"", field);
      }
    }
  }

  static Optional<String> text(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString()) {
      throw ApiException.invalid(field, "\"" + field + "\" must be a string");
    }
    return Optional.of(value.stringValue());
  }

  static Optional<Boolean> bool(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw ApiException.invalid(field, "\"" + field + "\" must be true or false");
    }
    return Optional.of(value.booleanValue());
  }

  /** A positive number of milliseconds. */
  static Optional<Duration> millis(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
      throw ApiException.invalid(field, "\"" + field + "\" must be a positive integer");
    }
    return Optional.of(Duration.ofMillis(value.longValue()));
  }

  static List<String> strings(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw ApiException.invalid(field, "\"" + field + "\" must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString()) {
        throw ApiException.invalid(field, "\"" + field + "\" must hold only strings");
      }
      out.add(item.stringValue());
    }
    return out;
  }

  static Map<String, String> stringMap(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw ApiException.invalid(field, "\"" + field + "\" must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isString()) {
        throw ApiException.invalid(
            field, "\"" + field + "." + entry.getKey() + "\" must be a string");
      }
      out.put(entry.getKey(), entry.getValue().stringValue());
    }
    return out;
  }

  static ArrayNode array(ObjectNode parent, String field, List<String> values) {
    ArrayNode array = parent.putArray(field);
    values.forEach(array::add);
    return array;
  }

  static ObjectNode object(ObjectNode parent, String field, Map<String, String> values) {
    ObjectNode object = parent.putObject(field);
    values.forEach(object::put);
    return object;
  }

  static void optional(ObjectNode parent, String field, Optional<String> value) {
    if (value.isPresent()) {
      parent.put(field, value.get());
    } else {
      parent.putNull(field);
    }
  }
}
