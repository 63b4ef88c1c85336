package dev.gatehouse.agent;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * In front of an endpoint's routing core: establishes each request's agent and hands the core an
 * {@link AgentExchange} that carries it. A tool call's {@code agent_id} argument is taken out here,
 * whether or not it is trusted. A session-era session belongs to the credential it was opened with;
 * a later request of it with another credential is refused.
 */
final class AgentEndpoint implements McpHandler {
  private static final String BOUND_CREDENTIAL = "gatehouse.agent.credential";

  private final McpHandler core;
  private final Agents agents;
  private final Function<Exchange, Identity> authenticate;

  AgentEndpoint(McpHandler core, Agents agents, Function<Exchange, Identity> authenticate) {
    this.core = core;
    this.agents = agents;
    this.authenticate = authenticate;
  }

  @Override
  public Response handle(Request request, Exchange exchange) {
    Optional<String> argument = Optional.empty();
    if (McpMethods.TOOLS_CALL.equals(request.method())
        && request.params().get("arguments") instanceof ObjectNode arguments) {
      argument = AgentIdArgument.take(arguments);
    }
    Identity credential;
    try {
      credential = authenticate.apply(exchange);
      checkSession(request, exchange, credential);
    } catch (GatewayException e) {
      return Response.error(request.id(), e);
    }
    ResolvedAgent agent = agents.resolve(credential, argument);
    return core.handle(request, new AgentExchange(exchange, agent, agents.view(agent)));
  }

  private static void checkSession(Request request, Exchange exchange, Identity credential) {
    Optional<DownstreamSession> session = exchange.session();
    if (session.isEmpty()) {
      return;
    }
    String key =
        credential.isAnonymous() ? "" : IdentifiedBy.of(credential).id() + ":" + credential.name();
    if (McpMethods.INITIALIZE.equals(request.method())) {
      session.get().attributes().put(BOUND_CREDENTIAL, key);
      return;
    }
    Object bound = session.get().attributes().putIfAbsent(BOUND_CREDENTIAL, key);
    if (bound != null && !bound.equals(key)) {
      throw new GatewayException(
          ErrorCode.INVALID_REQUEST,
          "This session was opened with another credential; start a new session");
    }
  }

  @Override
  public void onNotification(Notification notification, Exchange exchange) {
    core.onNotification(notification, exchange);
  }

  @Override
  public void onSessionClosed(DownstreamSession session) {
    core.onSessionClosed(session);
  }

  @Override
  public List<String> protocolVersions() {
    return core.protocolVersions();
  }
}
