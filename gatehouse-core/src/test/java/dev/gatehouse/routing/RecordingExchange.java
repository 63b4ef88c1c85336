package dev.gatehouse.routing;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/** A client session and exchange in memory: records what the gateway sends the client. */
final class RecordingExchange implements Exchange, DownstreamSession {
  final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
  private final String id;
  volatile boolean open = true;

  RecordingExchange(String id) {
    this.id = id;
  }

  @Override
  public Optional<DownstreamSession> session() {
    return Optional.of(this);
  }

  @Override
  public String id() {
    return id;
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
    return Optional.empty();
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
    return open;
  }
}
