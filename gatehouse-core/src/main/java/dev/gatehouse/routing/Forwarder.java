package dev.gatehouse.routing;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.registry.UpstreamRegistry;
import dev.gatehouse.upstream.CallOptions;
import dev.gatehouse.upstream.UpstreamConnection;
import dev.gatehouse.upstream.UpstreamState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends a client's request on to one upstream and brings the answer back under the client's id.
 * Keeps the thread of every forwarded request so a client's {@code notifications/cancelled} can
 * interrupt it, which cancels the request upstream too.
 */
final class Forwarder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

  private final UpstreamRegistry registry;
  private final Map<InFlightKey, Thread> inFlight = new ConcurrentHashMap<>();

  Forwarder(UpstreamRegistry registry) {
    this.registry = registry;
  }

  Response forward(String server, Request request, Exchange exchange) {
    UpstreamConnection upstream =
        registry
            .connection(server)
            .orElseThrow(() ->
                new GatewayException(
                    ErrorCode.SERVER_UNAVAILABLE, "Server " + server + " is not configured"));
    InFlightKey key = key(exchange, request.id());
    inFlight.put(key, Thread.currentThread());
    try {
      Response response =
          upstream.request(
              request.method(),
              request.params(),
              CallOptions.of(upstream.config().timeout(), exchange));
      // The response belongs to this call alone, so its id is replaced in place: no copy of what
      // may be a large result.
      response.json().set("id", request.id());
      return new Response(request.id(), response.json());
    } finally {
      inFlight.remove(key);
      // A cancellation that raced with the answer must not leak into the next request.
      Thread.interrupted();
    }
  }

  void cancel(Exchange exchange, JsonNode requestId) {
    if (requestId == null) {
      return;
    }
    Thread thread = inFlight.get(key(exchange, requestId));
    if (thread != null) {
      thread.interrupt();
    }
  }

  /**
   * Sends a request to every ready upstream that can take it; failures are logged, not returned.
   */
  void broadcast(Request request) {
    for (UpstreamConnection upstream : registry.connections()) {
      boolean capable =
          upstream.state() == UpstreamState.READY
              && upstream.serverInfo().map(i -> i.has("logging")).orElse(false);
      if (!capable) {
        continue;
      }
      try {
        Response response =
            upstream.request(
                request.method(),
                request.params().deepCopy(),
                CallOptions.of(upstream.config().timeout()));
        if (response.isError()) {
          log.debug("{} refused {}: {}", upstream.name(), request.method(), response.json());
        }
      } catch (GatewayException e) {
        log.debug("{} failed {}: {}", upstream.name(), request.method(), e.getMessage());
      }
    }
  }

  private static InFlightKey key(Exchange exchange, JsonNode id) {
    return new InFlightKey(exchange.session().map(DownstreamSession::id).orElse(""), id);
  }

  /**
   * A request in flight: its session and its id as the client sent it. Id nodes compare by value
   * and kind (7 is not "7"), and a cancellation's id is parsed like the request's.
   */
  private record InFlightKey(String session, JsonNode id) {}
}
