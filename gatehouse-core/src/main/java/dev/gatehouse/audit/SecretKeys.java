package dev.gatehouse.audit;

import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Recognises argument names that usually hold secrets and blanks their values, at any depth, so
 * audit lines never carry a password or token even when arguments are recorded.
 */
final class SecretKeys {
  static final String REDACTED = "[redacted]";
  private static final Pattern SECRET =
      Pattern.compile(
          "(?i).*(pass(word|wd|phrase)?|secret|token|api[_-]?key|apikey|auth|credential"
              + "|private[_-]?key|cookie|session|signature).*");

  private SecretKeys() {}

  static boolean isSecret(String key) {
    return SECRET.matcher(key).matches();
  }

  /** A copy of {@code node} with every value under a secret-looking key replaced. */
  static JsonNode redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        copy.set(
            field.getKey(),
            isSecret(field.getKey()) ? StringNode.valueOf(REDACTED) : redact(field.getValue()));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(item -> copy.add(redact(item)));
      return copy;
    }
    return node;
  }
}
