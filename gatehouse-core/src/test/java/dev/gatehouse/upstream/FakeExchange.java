package dev.gatehouse.upstream;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** A downstream exchange that records what reaches it and answers client requests itself. */
final class FakeExchange implements Exchange {
  /** A request the upstream sent to the client through this exchange. */
  record ClientRequest(String method, ObjectNode params) {}

  private final String label;
  final List<Notification> notifications = new CopyOnWriteArrayList<>();
  final List<ClientRequest> requests = new CopyOnWriteArrayList<>();

  FakeExchange(String label) {
    this.label = label;
  }

  @Override
  public Optional<DownstreamSession> session() {
    return Optional.empty();
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
  public Optional<String> header(String name) {
    return Optional.empty();
  }

  @Override
  public void notify(Notification notification) {
    notifications.add(notification);
  }

  /** Answers as the client would, naming this exchange so tests can tell which one answered. */
  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    requests.add(new ClientRequest(method, params));
    ObjectNode result = Json.object();
    result.put("role", "assistant");
    result.put("model", "fake-model");
    result.putObject("content").put("type", "text").put("text", "answered by " + label);
    return Response.result(StringNode.valueOf("downstream-7"), result);
  }

  List<Notification> notifications(String method) {
    return notifications.stream().filter(n -> n.method().equals(method)).toList();
  }
}
