package dev.gatehouse.upstream.internal;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Response;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** The requests of one session that wait for an answer, by upstream id. */
final class InFlightCalls {
  private final ConcurrentHashMap<Long, InFlightCall> calls = new ConcurrentHashMap<>();

  InFlightCall register(
      long id, String method, Optional<Exchange> origin, Optional<JsonNode> progressToken) {
    InFlightCall call =
        new InFlightCall(id, method, origin, progressToken, new CompletableFuture<>());
    calls.put(id, call);
    return call;
  }

  Optional<InFlightCall> get(long id) {
    return Optional.ofNullable(calls.get(id));
  }

  void remove(long id) {
    calls.remove(id);
  }

  /** Hands the response to its waiting caller; false when nobody waits for that id any more. */
  boolean complete(long id, Response response) {
    InFlightCall call = calls.get(id);
    return call != null && call.answer().complete(response);
  }

  void fail(long id, Throwable failure) {
    InFlightCall call = calls.get(id);
    if (call != null) {
      call.answer().completeExceptionally(failure);
    }
  }

  void failAll(Supplier<? extends Throwable> failure) {
    calls.values().forEach(call -> call.answer().completeExceptionally(failure.get()));
  }

  /**
   * The origin of the most recently sent request that has one. Ids grow with time, so the largest
   * id is the latest request.
   */
  Optional<Exchange> latestOrigin() {
    return calls.values().stream()
        .filter(call -> call.origin().isPresent())
        .max(Comparator.comparingLong(InFlightCall::id))
        .flatMap(InFlightCall::origin);
  }
}
