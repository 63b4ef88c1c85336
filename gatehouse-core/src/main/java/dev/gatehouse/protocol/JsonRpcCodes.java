package dev.gatehouse.protocol;

/** Numeric JSON-RPC error codes used by MCP and by the gateway. */
public final class JsonRpcCodes {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /** MCP 2025-11-25 "resource not found" (2026-07-28 uses {@link #INVALID_PARAMS}). */
  public static final int RESOURCE_NOT_FOUND = -32002;

  /** MCP URL elicitation required (2025-11-25). */
  public static final int URL_ELICITATION_REQUIRED = -32042;

  /** MCP 2026-07-28: HTTP headers do not match the body, or a required one is missing. */
  public static final int HEADER_MISMATCH = -32020;

  /** MCP 2026-07-28: the request needs a client capability its {@code _meta} did not declare. */
  public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;

  /** MCP 2026-07-28: the protocol version the request names is not served here. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  /** Gateway-defined, inside the implementation-defined server error range -32000..-32019. */
  public static final int GATEWAY_ERROR = -32000;

  public static final int REQUEST_TIMEOUT = -32001;
  public static final int REQUEST_CANCELLED = -32800;

  private JsonRpcCodes() {}
}
