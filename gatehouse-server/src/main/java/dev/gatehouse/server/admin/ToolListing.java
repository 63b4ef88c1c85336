package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Asks one upstream for its tools, every page, as it answers them right now. */
final class ToolListing {
  /** A cursor that never ends stops here. */
  private static final int MAX_PAGES = 1_000;

  private ToolListing() {}

  /**
   * @throws GatewayException when the upstream is not ready, times out or answers an error
   */
  static List<ObjectNode> list(UpstreamConnection upstream) {
    CallOptions options = CallOptions.of(upstream.config().timeout());
    List<ObjectNode> tools = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      ObjectNode params = Json.object();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      Response response = upstream.request(McpMethods.TOOLS_LIST, params, options);
      if (response.isError()) {
        throw new GatewayException(
            ErrorCode.UPSTREAM_ERROR,
            upstream.name()
                + " answered tools/list with an error: "
                + response.error().map(e -> e.path("message").asString("")).orElse(""));
      }
      JsonNode result = response.result().orElse(Json.object());
      for (JsonNode tool : result.path("tools")) {
        if (tool instanceof ObjectNode object) {
          tools.add(object);
        }
      }
      JsonNode next = result.get("nextCursor");
      if (next == null || !next.isString() || next.stringValue().isEmpty()) {
        return tools;
      }
      cursor = next.stringValue();
    }
    throw new GatewayException(
        ErrorCode.UPSTREAM_ERROR, upstream.name() + " returned more than " + MAX_PAGES + " pages");
  }
}
