package dev.gatehouse.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;
import java.util.Optional;

/** Reading what the SDK client got back: a tool's text, the gateway's error id. */
final class SdkResults {
  private SdkResults() {}

  /** The text of a result whose first content item is text. */
  static String text(CallToolResult result) {
    assertThat(result.content()).first().isInstanceOf(TextContent.class);
    return ((TextContent) result.content().getFirst()).text();
  }

  /** The gateway's stable error id, {@code error.data.code}, when the error carries one. */
  static Optional<Object> errorCode(McpError error) {
    return error.getJsonRpcError().data() instanceof Map<?, ?> data
        ? Optional.ofNullable(data.get("code"))
        : Optional.empty();
  }
}
