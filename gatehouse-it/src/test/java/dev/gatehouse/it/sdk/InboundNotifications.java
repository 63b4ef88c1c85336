package dev.gatehouse.it.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifications a fixture upstream received from its client (the gateway), seen on the wire
 * before the SDK handles them. The SDK ignores {@code notifications/cancelled}, so this is how a
 * test learns that the gateway passed a cancellation on.
 */
final class InboundNotifications {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** One notification: its method and its params as plain JSON values. */
  record Seen(String method, Map<String, Object> params) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<Seen> seen = new ArrayList<>();

  /** Records the message in one wire frame if it is a notification; anything else is ignored. */
  void observe(byte[] frame) {
    JsonNode message;
    try {
      message = MAPPER.readTree(frame);
    } catch (JacksonException e) {
      return;
    }
    if (message == null || !message.isObject() || message.has("id")) {
      return;
    }
    String method = message.path("method").asString("");
    if (method.isEmpty()) {
      return;
    }
    JsonNode params = message.path("params");
    @SuppressWarnings("unchecked")
    Map<String, Object> values =
        params.isObject() ? MAPPER.convertValue(params, LinkedHashMap.class) : Map.of();
    lock.lock();
    try {
      seen.add(new Seen(method, values));
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Every notification so far, oldest first. */
  List<Seen> all() {
    lock.lock();
    try {
      return List.copyOf(seen);
    } finally {
      lock.unlock();
    }
  }

  /** How many notifications of this method arrived so far. */
  int count(String method) {
    lock.lock();
    try {
      return (int) seen.stream().filter(s -> s.method().equals(method)).count();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until more than {@code known} notifications of this method have arrived.
   *
   * @return false when {@code limit} passed first
   */
  boolean awaitMore(String method, int known, Duration limit) throws InterruptedException {
    long left = limit.toNanos();
    lock.lock();
    try {
      while (count(method) <= known) {
        if (left <= 0) {
          return false;
        }
        left = arrived.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
