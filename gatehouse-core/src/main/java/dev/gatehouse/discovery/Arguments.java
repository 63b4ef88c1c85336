package dev.gatehouse.discovery;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The arguments of one meta-tool call, read with errors that say which argument is wrong. */
final class Arguments {
  private final ObjectNode values;

  Arguments(ObjectNode values) {
    this.values = values;
  }

  ObjectNode values() {
    return values;
  }

  /** A string argument; empty when absent, null or blank. */
  Optional<String> string(String name) {
    JsonNode value = values.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString()) {
      throw invalid("\"" + name + "\" must be a string");
    }
    String text = value.stringValue().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  String requireString(String name) {
    return string(name).orElseThrow(() -> invalid("\"" + name + "\" is required"));
  }

  Optional<Integer> positiveInt(String name) {
    JsonNode value = values.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
      throw invalid("\"" + name + "\" must be a positive integer");
    }
    return Optional.of(value.intValue());
  }

  boolean flag(String name) {
    JsonNode value = values.get(name);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw invalid("\"" + name + "\" must be true or false");
    }
    return value.booleanValue();
  }

  /** A list given as an array of strings or as one comma-separated string. */
  List<String> names(String name) {
    JsonNode value = values.get(name);
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (value.isString()) {
      for (String part : value.stringValue().split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (!item.isString()) {
          throw invalid("\"" + name + "\" must hold only strings");
        }
        out.add(item.stringValue().trim());
      }
      return out;
    }
    throw invalid("\"" + name + "\" must be a comma-separated string or an array of strings");
  }

  /** An object argument under one of several names; empty object when none is given. */
  Optional<ObjectNode> object(String... names) {
    for (String name : names) {
      JsonNode value = values.get(name);
      if (value == null || value.isNull()) {
        continue;
      }
      if (value instanceof ObjectNode object) {
        return Optional.of(object);
      }
      throw invalid("\"" + name + "\" must be an object");
    }
    return Optional.empty();
  }

  static GatewayException invalid(String message) {
    return new GatewayException(ErrorCode.INVALID_PARAMS, "Invalid arguments: " + message);
  }
}
