package dev.gatehouse.agent;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's exchange once its agent is known: everything else as the transport's exchange, plus
 * the agent and its view. The call pipeline takes the caller from here instead of asking the
 * authenticators again.
 */
public final class AgentExchange implements Exchange {
  private final Exchange transport;
  private final ResolvedAgent agent;
  private final View view;

  AgentExchange(Exchange transport, ResolvedAgent agent, View view) {
    this.transport = transport;
    this.agent = agent;
    this.view = view;
  }

  public ResolvedAgent agent() {
    return agent;
  }

  /** The caller as hooks and audit see it. */
  public Identity identity() {
    return agent.identity();
  }

  /** What the agent's rules let it see (the endpoint's own view is applied besides). */
  public View view() {
    return view;
  }

  @Override
  public Optional<DownstreamSession> session() {
    return transport.session();
  }

  @Override
  public String protocolVersion() {
    return transport.protocolVersion();
  }

  @Override
  public ObjectNode clientCapabilities() {
    return transport.clientCapabilities();
  }

  @Override
  public Optional<String> header(String name) {
    return transport.header(name);
  }

  @Override
  public void notify(Notification notification) {
    transport.notify(notification);
  }

  @Override
  public Response request(String method, ObjectNode params, Duration timeout) {
    return transport.request(method, params, timeout);
  }

  @Override
  public Optional<String> logLevel() {
    return transport.logLevel();
  }

  @Override
  public void onClose(Runnable action) {
    transport.onClose(action);
  }
}
