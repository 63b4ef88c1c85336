package dev.gatehouse.upstream;

import dev.gatehouse.protocol.Json;
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

  /**
   * Answers {@code ping} with {@code {}}, {@code roots/list} with no roots (the roots of a shared
   * upstream session belong to no single client), and everything else with method-not-found.
   */
  static ServerRequestFallback standard() {
    return (upstream, request) ->
        switch (request.method()) {
          case McpMethods.PING -> Response.result(request.id(), null);
          case McpMethods.ROOTS_LIST ->
              Response.result(request.id(), Json.object().set("roots", Json.array()));
          default ->
              Response.error(
                  request.id(),
                  JsonRpcCodes.METHOD_NOT_FOUND,
                  "Method not found: "
                      + request.method()
                      + " (no client of the gateway is waiting on "
                      + upstream.name()
                      + ")");
        };
  }
}
