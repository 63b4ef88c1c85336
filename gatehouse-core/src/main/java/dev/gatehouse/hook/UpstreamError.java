package dev.gatehouse.hook;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upstream answered a call with a JSON-RPC error. Filters and error observers see it as this
 * exception; the client gets the upstream's error object exactly as it was sent.
 */
public final class UpstreamError extends GatewayException {
  private final transient ObjectNode error;

  public UpstreamError(ObjectNode error) {
    super(
        ErrorCode.UPSTREAM_ERROR,
        Objects.requireNonNull(error, "error").path("message").asString("Upstream error"));
    this.error = error;
  }

  /** The upstream's JSON-RPC error object ({@code code}, {@code message}, {@code data}). */
  public ObjectNode error() {
    return error;
  }

  /** The upstream's error object as it was sent, not the gateway's own form. */
  @Override
  public ObjectNode toError() {
    return error.deepCopy();
  }

  /** The upstream's numeric JSON-RPC error code. */
  public int rpcCode() {
    return error.path("code").asInt(0);
  }
}
