package dev.gatehouse.discovery;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;

/**
 * The endpoint's own {@code tools/call} path for upstream tools, with every check it applies (view,
 * policy, hooks). {@code execute_tool} runs through it, so a tool called through the meta-tool is
 * governed exactly like a direct call.
 */
@FunctionalInterface
public interface DirectToolCall {

  /**
   * @return the upstream's answer under the request's id
   * @throws dev.gatehouse.protocol.GatewayException when the call cannot be made
   */
  Response call(Request request, Exchange exchange);
}
