package dev.gatehouse.pipeline;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/** A client session in memory with fixed request headers; records what the gateway sends it. */
final class SessionExchange implements Exchange, DownstreamSession {
  final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
  private final Map<String, String> headers;

  SessionExchange(Map<String, String> headers) {
    this.headers = headers;
  }

  SessionExchange() {
    this(Map.of());
  }

  @Override
  public Optional<DownstreamSession> session() {
    return Optional.of(this);
  }

  @Override
  public String id() {
    return "s1";
  }

  @Override
  public String protocolVersion() {
    return "2025-11-25";
  }

  @Override
  public ObjectNode clientCapabilities() {
    return Json.object();
  }

  @Override
  public ObjectNode clientInfo() {
    return Json.object();
  }

  @Override
  public ConcurrentMap<String, Object> attributes() {
    return attributes;
  }

  @Override
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public void notify(Notification notification) {
    sent.add(notification);
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isOpen() {
    return true;
  }
}
