package dev.gatehouse.server.admin;

import dev.gatehouse.store.StoreException;
import java.util.Optional;

/**
 * A refusal of the admin API: an HTTP status, a stable {@code code}, a message for people and, when
 * one field of the body is at fault, its name. Answered as {@code {"error": {"code", "message",
 * "field"}}}.
 */
final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  ApiException(int status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message, null);
  }

  /** A body value that breaks a rule: 422 naming the field. */
  static ApiException invalid(String field, String message) {
    return new ApiException(422, "invalid", message, field);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, null);
  }

  static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message, null);
  }

  /** The one mapping of store failures to HTTP. */
  static ApiException from(StoreException e) {
    String field = e.field().orElse(null);
    return switch (e.kind()) {
      case NOT_FOUND -> new ApiException(404, "not_found", e.getMessage(), null);
      case DUPLICATE -> new ApiException(409, "duplicate", e.getMessage(), field);
      case INVALID -> new ApiException(422, "invalid", e.getMessage(), field);
      case READ_ONLY -> new ApiException(409, "read_only", e.getMessage(), field);
      case UNAVAILABLE ->
          new ApiException(
              503, "store_unavailable", "the store is unavailable: " + e.getMessage(), null);
    };
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
