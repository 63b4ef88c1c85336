package dev.gatehouse.protocol;

/**
 * Stable error codes of the gateway. Each edge maps them once: to a JSON-RPC error, an HTTP status
 * or a CLI exit code. The {@link #id()} strings are part of the public contract.
 */
public enum ErrorCode {
  PARSE_ERROR("parse_error", JsonRpcCodes.PARSE_ERROR),
  INVALID_REQUEST("invalid_request", JsonRpcCodes.INVALID_REQUEST),
  METHOD_NOT_FOUND("method_not_found", JsonRpcCodes.METHOD_NOT_FOUND),
  INVALID_PARAMS("invalid_params", JsonRpcCodes.INVALID_PARAMS),
  INTERNAL_ERROR("internal_error", JsonRpcCodes.INTERNAL_ERROR),
  TOOL_NOT_FOUND("tool_not_found", JsonRpcCodes.INVALID_PARAMS),
  PROMPT_NOT_FOUND("prompt_not_found", JsonRpcCodes.INVALID_PARAMS),
  RESOURCE_NOT_FOUND("resource_not_found", JsonRpcCodes.RESOURCE_NOT_FOUND),
  DOMAIN_NOT_FOUND("domain_not_found", JsonRpcCodes.INVALID_PARAMS),
  GROUP_NOT_FOUND("group_not_found", JsonRpcCodes.INVALID_PARAMS),
  DENIED_BY_POLICY("DENIED_BY_POLICY", JsonRpcCodes.GATEWAY_ERROR),
  SERVER_UNAVAILABLE("SERVER_UNAVAILABLE", JsonRpcCodes.GATEWAY_ERROR),
  TIMEOUT("TIMEOUT", JsonRpcCodes.REQUEST_TIMEOUT),
  CANCELLED("cancelled", JsonRpcCodes.REQUEST_CANCELLED),
  EXECUTION_ERROR("execution_error", JsonRpcCodes.INTERNAL_ERROR),
  UPSTREAM_ERROR("upstream_error", JsonRpcCodes.GATEWAY_ERROR),
  CAPABILITY_NOT_SUPPORTED("capability_not_supported", JsonRpcCodes.METHOD_NOT_FOUND),
  HEADER_MISMATCH("header_mismatch", JsonRpcCodes.HEADER_MISMATCH),
  MISSING_CLIENT_CAPABILITY(
      "missing_client_capability", JsonRpcCodes.MISSING_REQUIRED_CLIENT_CAPABILITY),
  UNSUPPORTED_PROTOCOL_VERSION(
      "unsupported_protocol_version", JsonRpcCodes.UNSUPPORTED_PROTOCOL_VERSION);

  private final String id;
  private final int rpcCode;

  ErrorCode(String id, int rpcCode) {
    this.id = id;
    this.rpcCode = rpcCode;
  }

  /** The stable string carried in error data as {@code "code"}. */
  public String id() {
    return id;
  }

  /** The JSON-RPC error code used when this error crosses the wire. */
  public int rpcCode() {
    return rpcCode;
  }
}
