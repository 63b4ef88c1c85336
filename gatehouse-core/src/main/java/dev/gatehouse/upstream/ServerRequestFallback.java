package dev.gatehouse.upstream;

import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;

/**
 * Answers a request the upstream sends to the gateway when no downstream exchange can take it:
 * {@code ping}, or a {@code roots/list} (sampling, elicitation) outside any call that has an
 * origin. Runs on its own virtual thread and may block; whatever it returns is sent upstream under
 * the upstream's request id.
 */
@FunctionalInterface
public interface ServerRequestFallback {

  Response answer(UpstreamConnection upstream, Request request);

  /** Answers {@code ping} with {@code {}} and everything else with method-not-found. */
  static ServerRequestFallback standard() {
    return (upstream, request) ->
        McpMethods.PING.equals(request.method())
            ? Response.result(request.id(), null)
            : Response.error(
                request.id(),
                JsonRpcCodes.METHOD_NOT_FOUND,
                "Method not found: "
                    + request.method()
                    + " (no client of the gateway is waiting on "
                    + upstream.name()
                    + ")");
  }
}
