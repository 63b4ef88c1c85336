package dev.gatehouse.upstream.internal;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Takes requests the upstream sends to its client (sampling, elicitation, roots, ping) to the
 * downstream exchange they belong to, and sends the answer back upstream under the upstream's id.
 *
 * <p>Which exchange: on Streamable HTTP a request on the response stream of a POST relates to that
 * POST's request, so it goes to that request's origin; one on the GET stream relates to no request
 * (the specification says so), so the fallback answers. On a shared stream (stdio, legacy SSE)
 * nothing says which call caused it, so it goes to the most recently sent in-flight request that
 * has an origin: right while one call runs at a time, a guess otherwise. {@code ping} is about the
 * gateway itself and never leaves it. Without an origin the fallback answers.
 */
final class ServerRequestRouter {
  private static final Logger log = LoggerFactory.getLogger(ServerRequestRouter.class);

  private final String name;
  private final InFlightCalls calls;
  private final Executor executor;
  private final Function<Request, Response> fallback;
  private final Duration timeout;
  private final Consumer<Response> reply;
  private final ConcurrentHashMap<String, Thread> answering = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

  ServerRequestRouter(
      String name,
      InFlightCalls calls,
      Executor executor,
      Function<Request, Response> fallback,
      Duration timeout,
      Consumer<Response> reply) {
    this.name = name;
    this.calls = calls;
    this.executor = executor;
    this.fallback = fallback;
    this.timeout = timeout;
    this.reply = reply;
  }

  /** Routes one request; the answer is worked out on its own thread, never the reader's. */
  void route(Request request, Arrival arrival) {
    Optional<Exchange> origin =
        McpMethods.PING.equals(request.method()) ? Optional.empty() : originFor(arrival);
    executor.execute(() -> answer(request, origin));
  }

  /** The upstream gave up on one of its requests: stop waiting for the client's answer. */
  void onCancelled(Notification notification) {
    JsonNode requestId = notification.params().get("requestId");
    if (requestId == null) {
      return;
    }
    String key = Json.text(requestId);
    Thread thread = answering.get(key);
    if (thread != null) {
      cancelled.add(key);
      thread.interrupt();
    }
  }

  private Optional<Exchange> originFor(Arrival arrival) {
    if (arrival.relatedRequest().isPresent()) {
      return calls.get(arrival.relatedRequest().getAsLong()).flatMap(InFlightCall::origin);
    }
    return arrival.sharedStream() ? calls.latestOrigin() : Optional.empty();
  }

  private void answer(Request request, Optional<Exchange> origin) {
    String key = Json.text(request.id());
    answering.put(key, Thread.currentThread());
    Response answer;
    try {
      answer =
          origin.isPresent()
              ? origin.get().request(request.method(), request.params(), timeout)
              : fallback.apply(request);
    } catch (GatewayException e) {
      answer = Response.error(request.id(), e);
    } catch (RuntimeException e) {
      log.warn("{}: answering {} failed", name, request.method(), e);
      answer =
          Response.error(
              request.id(),
              JsonRpcCodes.INTERNAL_ERROR,
              "the gateway could not answer " + request.method());
    } finally {
      answering.remove(key);
      Thread.interrupted();
    }
    if (cancelled.remove(key)) {
      log.debug("{}: {} was cancelled by the upstream; no answer sent", name, request.method());
      return;
    }
    reply.accept(answer.withId(request.id()));
  }
}
