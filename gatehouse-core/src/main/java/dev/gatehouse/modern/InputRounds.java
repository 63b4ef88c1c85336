package dev.gatehouse.modern;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Bridged calls waiting for the client's retry, by the {@code requestState} the client was given.
 * The state is a random token, so it cannot be guessed; a retry must also name the same method and
 * target and carry the same {@code Authorization} header as the request that started the call. A
 * call nobody comes back for is abandoned after a while.
 *
 * <p>A {@code requestState} without the gateway's prefix belongs to an upstream and is passed on
 * unchanged, which keeps calls to 2026-07-28 upstreams stateless in the gateway.
 */
final class InputRounds {
  static final String PREFIX = "gatehouse.input.";
  static final Duration DEFAULT_PARK_LIMIT = Duration.ofMinutes(10);

  private record Parked(BridgedCall call, Optional<String> authorization, Instant since) {}

  private final Map<String, Parked> parked = new ConcurrentHashMap<>();
  private final Duration limit;
  private final Clock clock;

  InputRounds(Duration limit, Clock clock) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** True when a {@code requestState} is one of the gateway's own. */
  static boolean isGatewayState(JsonNode state) {
    return state != null && state.isString() && state.stringValue().startsWith(PREFIX);
  }

  /** Parks a call until the client's retry; returns the {@code requestState} to give the client. */
  String park(BridgedCall call, Optional<String> authorization) {
    purge();
    call.park();
    String token = PREFIX + UUID.randomUUID();
    parked.put(token, new Parked(call, authorization, clock.instant()));
    return token;
  }

  /**
   * Takes back the call a retry continues.
   *
   * @throws GatewayException {@code INVALID_PARAMS} when the state is unknown, expired, or was
   *     issued for another method, target or caller
   */
  BridgedCall resume(String state, Request retry, Optional<String> authorization) {
    Parked entry = parked.remove(state);
    if (entry == null) {
      throw invalid("requestState is unknown or has expired; send the request again without it");
    }
    BridgedCall call = entry.call();
    boolean same =
        call.method().equals(retry.method())
            && call.target().equals(McpHeaders.nameOf(retry))
            && entry.authorization().equals(authorization);
    if (!same) {
      // Someone else's or another request's state: the call is no longer trustworthy.
      call.abandon();
      throw invalid("requestState does not belong to this request");
    }
    return call;
  }

  /** How many calls wait for a retry. */
  int size() {
    return parked.size();
  }

  /** Abandons every parked call (the endpoint is going away). */
  void abandonAll() {
    parked
        .keySet()
        .forEach(token -> {
          Parked entry = parked.remove(token);
          if (entry != null) {
            entry.call().abandon();
          }
        });
  }

  private void purge() {
    Instant oldest = clock.instant().minus(limit);
    parked.forEach((token, entry) -> {
      if (entry.since().isBefore(oldest) && parked.remove(token, entry)) {
        entry.call().abandon();
      }
    });
  }

  private static GatewayException invalid(String why) {
    return new GatewayException(ErrorCode.INVALID_PARAMS, "Invalid params: " + why);
  }
}
