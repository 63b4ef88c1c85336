package dev.gatehouse.agent;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.policy.View;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Agents on every endpoint of a gateway: give it to {@code Gateway.Builder#agents}. Each endpoint's
 * routing core is wrapped so that requests carry their agent, each caller's view is the endpoint's
 * narrowed by its agent's rules, and the layer's hooks (credential authenticators, the removal of
 * {@code agent_id}) run before any other.
 */
public final class AgentLayer {
  private static final AgentLayer NONE = new AgentLayer(null, Hooks.none());
  private static final int JOINED_LIMIT = 1024;

  private final Agents agents;
  private final Hooks hooks;

  private AgentLayer(Agents agents, Hooks hooks) {
    this.agents = agents;
    this.hooks = hooks;
  }

  /** No agents: endpoints and views stay as they are. */
  public static AgentLayer none() {
    return NONE;
  }

  /**
   * @param agents the rules and settings, which may change while the gateway runs
   * @param authenticators what turns credentials into identities (API keys, JWT); they run first
   */
  public static AgentLayer of(Agents agents, Hooks authenticators) {
    Hooks own =
        Hooks.builder()
            .addAll(Objects.requireNonNull(authenticators, "authenticators"))
            .preCall(AgentIdArgument.HOOK)
            .build();
    return new AgentLayer(Objects.requireNonNull(agents, "agents"), own);
  }

  /** Authenticators and the {@code agent_id} removal; they come before every other hook. */
  public Hooks hooks() {
    return hooks;
  }

  /**
   * An endpoint's routing core behind the layer.
   *
   * @param authenticate who the authenticators say sent an exchange (anonymous when nobody)
   */
  public McpHandler endpoint(McpHandler core, Function<Exchange, Identity> authenticate) {
    return agents == null ? core : new AgentEndpoint(core, agents, authenticate);
  }

  /** An endpoint's views, each narrowed by the caller's agent. */
  public Function<Exchange, View> views(Function<Exchange, View> endpoint) {
    if (agents == null) {
      return endpoint;
    }
    Map<Joined, View> joined = new ConcurrentHashMap<>();
    return exchange -> {
      View base = endpoint.apply(exchange);
      View agent =
          exchange instanceof AgentExchange known
              ? known.view()
              : agents.view(agents.resolve(Identity.ANONYMOUS, Optional.empty()));
      if (agent == Agents.EVERYTHING) {
        return base;
      }
      // The same caller gets the same view object each time, so the lists made for it are reused.
      Joined key = new Joined(base, agent);
      View view = joined.get(key);
      if (view == null) {
        if (joined.size() >= JOINED_LIMIT) {
          // Views made anew per request (or left by reloads) would otherwise pile up.
          joined.clear();
        }
        view = joined.computeIfAbsent(key, k -> base.and(agent));
      }
      return view;
    };
  }

  /** An endpoint's view and an agent's, the two halves of a caller's view. */
  private record Joined(View endpoint, View agent) {}
}
