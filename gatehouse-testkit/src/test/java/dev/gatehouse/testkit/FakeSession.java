package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/** A session held in memory: records what the server pushes outside of requests. */
final class FakeSession implements DownstreamSession {
  private final String id = UUID.randomUUID().toString();
  private final String protocolVersion;
  private final ObjectNode capabilities;
  private final ObjectNode clientInfo;
  private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
  final List<Notification> pushed = new CopyOnWriteArrayList<>();
  volatile boolean open = true;

  FakeSession(String protocolVersion, ObjectNode capabilities, ObjectNode clientInfo) {
    this.protocolVersion = protocolVersion;
    this.capabilities = capabilities;
    this.clientInfo = clientInfo;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocolVersion() {
    return protocolVersion;
  }

  @Override
  public ObjectNode clientCapabilities() {
    return capabilities;
  }

  @Override
  public ObjectNode clientInfo() {
    return clientInfo;
  }

  @Override
  public ConcurrentMap<String, Object> attributes() {
    return attributes;
  }

  @Override
  public void notify(Notification notification) {
    pushed.add(notification);
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    throw new UnsupportedOperationException("not used by these tests");
  }

  @Override
  public boolean isOpen() {
    return open;
  }
}
