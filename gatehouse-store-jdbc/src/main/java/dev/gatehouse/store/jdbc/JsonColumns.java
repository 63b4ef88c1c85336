package dev.gatehouse.store.jdbc;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.store.StoreException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/** Lists and maps kept as JSON text columns, so both databases store them the same way. */
final class JsonColumns {
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

  private JsonColumns() {}

  static String write(List<String> list) {
    return Json.mapper().writeValueAsString(list);
  }

  static String write(Map<String, String> map) {
    return Json.mapper().writeValueAsString(map);
  }

  static List<String> list(String text, String column) {
    try {
      return text == null ? List.of() : List.copyOf(Json.mapper().readValue(text, LIST));
    } catch (JacksonException e) {
      throw corrupt(column, e);
    }
  }

  static Map<String, String> map(String text, String column) {
    try {
      return text == null
          ? Map.of()
          : Collections.unmodifiableMap(Json.mapper().readValue(text, MAP));
    } catch (JacksonException e) {
      throw corrupt(column, e);
    }
  }

  private static StoreException corrupt(String column, JacksonException e) {
    return StoreException.unavailable(
        "the store's column " + column + " holds malformed JSON: " + e.getOriginalMessage(), e);
  }
}
