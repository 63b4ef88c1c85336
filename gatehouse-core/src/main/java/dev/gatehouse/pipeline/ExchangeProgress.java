package dev.gatehouse.pipeline;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.hook.CallProgress;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Progress for a call whose client asked for it: {@code notifications/progress} under the client's
 * own token, on the call's own stream.
 */
final class ExchangeProgress implements CallProgress {
  private final Exchange exchange;
  private final JsonNode token;

  private ExchangeProgress(Exchange exchange, JsonNode token) {
    this.exchange = exchange;
    this.token = token;
  }

  static CallProgress of(Request request, Exchange exchange) {
    return request
        .meta()
        .map(meta -> meta.get("progressToken"))
        .filter(t -> t.isString() || t.isIntegralNumber())
        .<CallProgress>map(token -> new ExchangeProgress(exchange, token))
        .orElse(CallProgress.NONE);
  }

  @Override
  public void report(double progress, double total, String message) {
    ObjectNode params = Json.object();
    params.set("progressToken", token);
    params.put("progress", progress);
    if (total > 0) {
      params.put("total", total);
    }
    if (message != null && !message.isEmpty()) {
      params.put("message", message);
    }
    exchange.notify(Notification.of(McpMethods.PROGRESS, params));
  }
}
