package dev.gatehouse.modern;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The request headers the 2026-07-28 Streamable HTTP binding mirrors from the body ({@code
 * MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name}), their value encoding, and the
 * server's check that they match the body.
 */
public final class McpHeaders {
  public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
  public static final String METHOD = "Mcp-Method";
  public static final String NAME = "Mcp-Name";

  private static final String SENTINEL_START = "=?base64?";
  private static final String SENTINEL_END = "?=";

  private McpHeaders() {}

  /**
   * The body value {@code Mcp-Name} mirrors: {@code params.name} of tools/call and prompts/get,
   * {@code params.uri} of resources/read; empty for other methods.
   */
  public static Optional<String> nameOf(Request request) {
    return switch (request.method()) {
      case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET ->
          Json.string(request.json().get("params"), "name");
      case McpMethods.RESOURCES_READ -> Json.string(request.json().get("params"), "uri");
      default -> Optional.empty();
    };
  }

  /** True for the methods whose requests must carry {@code Mcp-Name}. */
  public static boolean needsName(String method) {
    return switch (method) {
      case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET, McpMethods.RESOURCES_READ -> true;
      default -> false;
    };
  }

  /**
   * A value as it may travel in a header: as is when it is visible ASCII (spaces inside allowed),
   * else Base64 of its UTF-8 bytes between {@code =?base64?} and {@code ?=}. A plain value that
   * looks like the sentinel form is encoded too, so it cannot be misread.
   */
  public static String encode(String value) {
    boolean plain =
        !value.isEmpty()
            && value.chars().allMatch(c -> c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7e))
            && !Character.isWhitespace(value.charAt(0))
            && !Character.isWhitespace(value.charAt(value.length() - 1))
            && !(value.startsWith(SENTINEL_START) && value.endsWith(SENTINEL_END));
    if (plain) {
      return value;
    }
    return SENTINEL_START
        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        + SENTINEL_END;
  }

  /**
   * The value a header carries: surrounding whitespace removed (RFC 9110 field parsing), the
   * sentinel form decoded. Empty when the value holds characters a header may not, or its Base64 is
   * broken.
   */
  public static Optional<String> decode(String headerValue) {
    if (!isFieldValue(headerValue)) {
      return Optional.empty();
    }
    String value = headerValue.strip();
    if (value.startsWith(SENTINEL_START)
        && value.endsWith(SENTINEL_END)
        && value.length() >= SENTINEL_START.length() + SENTINEL_END.length()) {
      String encoded =
          value.substring(SENTINEL_START.length(), value.length() - SENTINEL_END.length());
      try {
        return Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  /**
   * Checks that the version and method headers, where present, agree with the body: the first check
   * on a request that claims the stateless revision, before its envelope is read.
   *
   * @throws GatewayException {@code HEADER_MISMATCH} when one disagrees or holds characters a
   *     header may not
   */
  public static void checkAgreement(Request request, Function<String, Optional<String>> header) {
    Optional<String> version =
        MetaKeys.string(request.json().get("params"), MetaKeys.PROTOCOL_VERSION);
    Optional<String> versionHeader = header.apply(PROTOCOL_VERSION);
    if (versionHeader.isPresent() && version.isPresent()) {
      matches(PROTOCOL_VERSION, versionHeader, version.get(), false);
    }
    Optional<String> methodHeader = header.apply(METHOD);
    if (methodHeader.isPresent()) {
      matches(METHOD, methodHeader, request.method(), false);
    }
  }

  /**
   * Checks the mirrored headers of a request that claims the stateless revision against its body.
   *
   * @param header reads a request header by name (case-insensitive)
   * @throws GatewayException {@code HEADER_MISMATCH} when a required header is missing, holds
   *     characters a header may not, or differs from the body
   */
  public static void check(Request request, Function<String, Optional<String>> header) {
    String version =
        MetaKeys.string(request.json().get("params"), MetaKeys.PROTOCOL_VERSION).orElse("");
    matches(PROTOCOL_VERSION, header.apply(PROTOCOL_VERSION), version, false);
    matches(METHOD, header.apply(METHOD), request.method(), false);
    Optional<String> name = nameOf(request);
    if (name.isPresent()) {
      matches(NAME, header.apply(NAME), name.get(), true);
    } else if (needsName(request.method())) {
      // The body lacks the value the header mirrors; the handler reports the missing param.
      header.apply(NAME).ifPresent(value -> decoded(NAME, value, true));
    }
  }

  private static void matches(
      String headerName, Optional<String> headerValue, String bodyValue, boolean encoded) {
    if (headerValue.isEmpty()) {
      throw mismatch(
          "Header mismatch: the required " + headerName + " header is missing",
          headerName,
          bodyValue);
    }
    String value = decoded(headerName, headerValue.get(), encoded);
    if (!value.equals(bodyValue)) {
      throw mismatch(
          "Header mismatch: "
              + headerName
              + " header value '"
              + value
              + "' does not match body value '"
              + bodyValue
              + "'",
          headerName,
          bodyValue);
    }
  }

  private static String decoded(String headerName, String raw, boolean encoded) {
    Optional<String> value =
        encoded
            ? decode(raw)
            : Optional.of(raw).filter(McpHeaders::isFieldValue).map(String::strip);
    return value.orElseThrow(() ->
        mismatch(
            "Header mismatch: the " + headerName + " header holds invalid characters",
            headerName,
            null));
  }

  /** Visible ASCII, spaces and tabs: what RFC 9110 allows in a field value. */
  private static boolean isFieldValue(String value) {
    return value.chars().allMatch(c -> c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7e));
  }

  private static GatewayException mismatch(String message, String headerName, String bodyValue) {
    var data = Json.object().put("header", headerName);
    if (bodyValue != null) {
      data.put("body", bodyValue);
    }
    return new GatewayException(ErrorCode.HEADER_MISMATCH, message, data, null);
  }
}
