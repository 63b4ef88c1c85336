package dev.gatehouse.protocol;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one exception family of the gateway: a stable {@link ErrorCode}, a message for people and
 * optional structured data. Never carries a stack trace onto the wire.
 */
public class GatewayException extends RuntimeException {
  private final ErrorCode code;
  private final transient JsonNode data;

  public GatewayException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public GatewayException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, cause);
  }

  public GatewayException(ErrorCode code, String message, JsonNode data, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.data = data;
  }

  public ErrorCode code() {
    return code;
  }

  /** Extra structured detail (suggestions, the upstream's own error), merged into error data. */
  public Optional<JsonNode> data() {
    return Optional.ofNullable(data);
  }

  /**
   * The JSON-RPC error object for this exception: {@code {code, message, data: {code: id, ...}}}.
   */
  public ObjectNode toError() {
    ObjectNode error = Json.object();
    error.put("code", code.rpcCode());
    error.put("message", getMessage());
    ObjectNode detail = Json.object();
    detail.put("code", code.id());
    if (data != null && data.isObject()) {
      detail.setAll((ObjectNode) data);
    } else if (data != null) {
      detail.set("detail", data);
    }
    error.set("data", detail);
    return error;
  }
}
