package dev.gatehouse.pipeline;

import dev.gatehouse.agent.AgentExchange;
import dev.gatehouse.agent.IdentifiedBy;
import dev.gatehouse.audit.AuditDecision;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditSink;
import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.hook.Authenticator;
import dev.gatehouse.hook.CallErrorObserver;
import dev.gatehouse.hook.CallFilter;
import dev.gatehouse.hook.Caller;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.hook.ListHook;
import dev.gatehouse.hook.ToolCall;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.hook.UpstreamError;
import dev.gatehouse.plugin.MetaTool;
import dev.gatehouse.policy.View;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.protocol.StreamedResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The governed path of {@code tools/list} and {@code tools/call} for one endpoint: authenticate the
 * caller, let list hooks shape what it sees, and run each call through pre-call hooks,
 * confirmation, the filters around the upstream call, post-call hooks, error observers and audit.
 * With no hooks registered a call goes straight upstream, exactly as without governance.
 */
public final class CallPipeline {
  private static final Logger log = LoggerFactory.getLogger(CallPipeline.class);
  private static final CallPipeline NONE =
      new CallPipeline(Hooks.none(), List.of(), Optional.empty());

  /** What the hooks get for a result none of them reads; it never reaches the client. */
  private static final ToolResult UNREAD = new ToolResult(Json.object());

  private final Hooks hooks;
  private final Map<String, MetaTool> metaTools;
  private final Optional<String> group;
  private final Clock clock = Clock.systemUTC();

  /** Threads of calls in flight, so a client's cancellation can interrupt an approval wait. */
  private final Map<InFlightKey, Thread> inFlight = new ConcurrentHashMap<>();

  /**
   * @param hooks every hook, in order
   * @param metaTools the gateway's own tools (from plugins)
   * @param group the group endpoint this pipeline serves; empty for the main endpoint
   */
  public CallPipeline(Hooks hooks, List<MetaTool> metaTools, Optional<String> group) {
    this.hooks = hooks;
    Map<String, MetaTool> byName = new LinkedHashMap<>();
    metaTools.forEach(t -> byName.put(t.name(), t));
    this.metaTools = byName;
    this.group = group;
  }

  /** No hooks and no meta-tools: calls go straight upstream. */
  public static CallPipeline none() {
    return NONE;
  }

  /** The same hooks and meta-tools for a group endpoint. */
  public CallPipeline forGroup(String name) {
    return new CallPipeline(hooks, List.copyOf(metaTools.values()), Optional.of(name));
  }

  /** Who sends this exchange, through this endpoint. */
  public Caller caller(Exchange exchange) {
    if (exchange instanceof AgentExchange known) {
      // The agent layer has weighed credentials, arguments and defaults already.
      return new Caller(known.identity(), group);
    }
    Identity identity = Identity.ANONYMOUS;
    for (Authenticator authenticator : hooks.authenticators()) {
      Optional<Identity> found;
      try {
        found = authenticator.authenticate(exchange::header);
      } catch (RuntimeException e) {
        log.warn("Authenticator {} failed: {}", authenticator.getClass().getName(), e.toString());
        throw new GatewayException(ErrorCode.DENIED_BY_POLICY, "Authentication failed");
      }
      if (found != null && found.isPresent()) {
        identity = found.get();
        break;
      }
    }
    return new Caller(identity, group);
  }

  /**
   * The tool definitions a caller sees: the meta-tools, then the tools its view lets through, both
   * shaped by the list hooks.
   */
  public List<ObjectNode> listTools(List<ToolEntry> visible, Exchange exchange) {
    if (hooks.list().isEmpty() && metaTools.isEmpty()) {
      return visible.stream().map(ToolEntry::definition).toList();
    }
    List<ToolEntry> all = new ArrayList<>(visible.size() + metaTools.size());
    metaTools.values().forEach(t -> all.add(entry(t)));
    all.addAll(visible);
    if (hooks.list().isEmpty()) {
      return all.stream().map(ToolEntry::definition).toList();
    }
    return shaped(caller(exchange), all).stream().map(ToolEntry::definition).toList();
  }

  /**
   * Whether list hooks shape lists for each caller: then a list cannot be kept per view and
   * catalog, and every request computes its own.
   */
  public boolean listsPerCaller() {
    return !hooks.list().isEmpty();
  }

  /**
   * {@code view} narrowed by the list hooks for this caller: what the discovery meta-tools may
   * show. Without list hooks it is {@code view} itself.
   */
  public View narrow(View view, Catalog catalog, Exchange exchange) {
    if (hooks.list().isEmpty()) {
      return view;
    }
    // Computed on first use: many answers (a flat endpoint's calls) never look at the tools.
    Supplier<Set<String>> kept =
        new Supplier<>() {
          private Set<String> names;

          @Override
          public synchronized Set<String> get() {
            if (names == null) {
              Set<String> found = new HashSet<>();
              shaped(caller(exchange), catalog.tools().stream().filter(view::tool).toList())
                  .forEach(entry -> found.add(entry.name()));
              names = found;
            }
            return names;
          }
        };
    return view.and(
        new View() {
          @Override
          public boolean tool(String server, String exposed, String original) {
            return kept.get().contains(exposed);
          }

          @Override
          public boolean prompt(String server, String exposed, String original) {
            return true;
          }
        });
  }

  /** The meta-tool of this name, if a plugin offers one. */
  public Optional<MetaTool> metaTool(String name) {
    return Optional.ofNullable(metaTools.get(name));
  }

  /**
   * Runs a {@code tools/call} routed to {@code target} through the hooks. {@code upstream} sends
   * the request on; the pipeline sets its {@code name} to the upstream's own and its {@code
   * arguments} to what the hooks left.
   *
   * @return the answer for the client: the (post-processed) result, or an error
   */
  public Response callTool(
      Request request, Exchange exchange, CallTarget target, Function<Request, Response> upstream) {
    if (!hooks.governsCalls()) {
      request.params().put("name", target.originalTool());
      return upstream.apply(request);
    }
    ObjectNode sent = arguments(request);
    // When no hook reads the result, the upstream's answer itself goes back, unread: a large
    // result then streams through (ADR 13) instead of being parsed for nobody.
    boolean passOn = !hooks.readsResults();
    Response[] unread = new Response[1];
    Response governed =
        govern(
            request,
            exchange,
            target,
            sent,
            call -> {
              request.params().put("name", call.originalTool());
              // Only a rewrite changes what goes upstream; absent arguments stay absent.
              if (call.arguments() != sent) {
                request.params().set("arguments", call.arguments());
              }
              Response answer = upstream.apply(request);
              if (passOn && (StreamedResult.pending(answer) || isObjectResult(answer))) {
                unread[0] = answer;
                return UNREAD;
              }
              return result(answer);
            });
    return unread[0] != null ? unread[0] : governed;
  }

  /** Runs a call to one of the gateway's own tools through the hooks. */
  public Response callMetaTool(Request request, Exchange exchange, MetaTool tool) {
    CallTarget target =
        new CallTarget(tool.owner(), tool.name(), tool.name(), Optional.of(entry(tool)));
    return govern(request, exchange, target, arguments(request), tool::call);
  }

  /** A client cancelled a request: interrupts its call if it is still governed here. */
  public void cancel(Exchange exchange, JsonNode requestId) {
    if (requestId == null) {
      return;
    }
    Thread thread = inFlight.get(key(exchange, requestId));
    if (thread != null) {
      thread.interrupt();
    }
  }

  private Response govern(
      Request request,
      Exchange exchange,
      CallTarget target,
      ObjectNode arguments,
      CallFilter.Chain upstream) {
    Instant started = clock.instant();
    long start = System.nanoTime();
    InFlightKey key = key(exchange, request.id());
    inFlight.put(key, Thread.currentThread());
    ToolCall call =
        new ToolCall(
            new Caller(Identity.ANONYMOUS, group),
            target.server(),
            target.tool(),
            target.originalTool(),
            arguments,
            new ConcurrentHashMap<>(),
            ExchangeProgress.of(request, exchange));
    try {
      try {
        call = withCaller(call, caller(exchange));
      } catch (GatewayException e) {
        throw new CallRefusal(AuditDecision.DENIED, e.code(), e.getMessage());
      }
      try {
        ensureVisible(call.caller(), target);
      } catch (GatewayException e) {
        // Not a call to any tool this caller has: answered, but neither observed nor audited.
        return Response.error(request.id(), e.toError());
      }
      CallRun run = new CallRun(hooks, call);
      try {
        ToolResult result = run.execute(upstream);
        AuditDecision decision = run.confirmed() ? AuditDecision.CONFIRMED : AuditDecision.ALLOWED;
        audit(run.call(), decision, started, start, null, result.isError());
        return Response.result(request.id(), result.json());
      } finally {
        call = run.call();
      }
    } catch (GatewayException e) {
      observe(call, e);
      audit(call, decision(e), started, start, e, false);
      return Response.error(request.id(), e.toError());
    } finally {
      inFlight.remove(key);
      // A cancellation that raced with the answer must not leak into the next request.
      Thread.interrupted();
    }
  }

  private static ToolCall withCaller(ToolCall call, Caller caller) {
    return new ToolCall(
        caller,
        call.server(),
        call.tool(),
        call.originalTool(),
        call.arguments(),
        call.attributes(),
        call.progress());
  }

  /** A tool the list hooks hide for this caller is answered like an unknown one. */
  private void ensureVisible(Caller caller, CallTarget target) {
    if (hooks.list().isEmpty()) {
      return;
    }
    boolean visible =
        target
            .entry()
            .map(entry ->
                shaped(caller, List.of(entry)).stream()
                    .anyMatch(e -> e.name().equals(target.tool())))
            .orElse(false);
    if (!visible) {
      throw new GatewayException(ErrorCode.TOOL_NOT_FOUND, "Unknown tool: " + target.tool());
    }
  }

  private List<ToolEntry> shaped(Caller caller, List<ToolEntry> tools) {
    List<ToolEntry> current = tools;
    for (ListHook hook : hooks.list()) {
      try {
        current = List.copyOf(hook.list(caller, current));
      } catch (RuntimeException e) {
        log.error("List hook {} failed", hook.getClass().getName(), e);
        throw new GatewayException(ErrorCode.INTERNAL_ERROR, "Internal error");
      }
    }
    return current;
  }

  private void observe(ToolCall call, GatewayException error) {
    for (CallErrorObserver observer : hooks.callErrors()) {
      try {
        observer.onError(call, error);
      } catch (RuntimeException e) {
        log.warn("Call error observer {} failed: {}", observer.getClass().getName(), e.toString());
      }
    }
  }

  private void audit(
      ToolCall call,
      AuditDecision decision,
      Instant started,
      long start,
      GatewayException error,
      boolean toolError) {
    if (hooks.audit().isEmpty()) {
      return;
    }
    AuditRecord record =
        new AuditRecord(
            started,
            call.caller().identity().name(),
            IdentifiedBy.of(call.caller().identity()).id(),
            call.caller().group(),
            call.server(),
            call.tool(),
            call.originalTool(),
            decision,
            Duration.ofNanos(System.nanoTime() - start),
            Optional.ofNullable(error).map(e -> e.code().id()),
            Optional.ofNullable(error).map(GatewayException::getMessage),
            toolError,
            call.arguments());
    for (AuditSink sink : hooks.audit()) {
      try {
        sink.record(record);
      } catch (RuntimeException e) {
        log.warn("Audit sink {} failed: {}", sink.getClass().getName(), e.toString());
      }
    }
  }

  private static AuditDecision decision(GatewayException e) {
    if (e instanceof CallRefusal refusal) {
      return refusal.decision();
    }
    return e.code() == ErrorCode.CANCELLED ? AuditDecision.CANCELLED : AuditDecision.FAILED;
  }

  private static boolean isObjectResult(Response response) {
    return !response.isError() && response.json().get("result") instanceof ObjectNode;
  }

  private static ToolResult result(Response response) {
    if (response.isError()) {
      throw new UpstreamError(response.error().orElseThrow());
    }
    if (!(response.result().orElse(null) instanceof ObjectNode result)) {
      throw new GatewayException(
          ErrorCode.UPSTREAM_ERROR, "The upstream's result is not an object");
    }
    return new ToolResult(result);
  }

  private static ObjectNode arguments(Request request) {
    return request.params().get("arguments") instanceof ObjectNode arguments
        ? arguments
        : request.params().objectNode();
  }

  private static ToolEntry entry(MetaTool tool) {
    return new ToolEntry(tool.owner(), tool.name(), tool.name(), tool.definition());
  }

  private static InFlightKey key(Exchange exchange, JsonNode id) {
    return new InFlightKey(exchange.session().map(DownstreamSession::id).orElse(""), id);
  }

  /**
   * A request in flight: its session and its id as the client sent it. Id nodes compare by value,
   * and the id of a cancellation is parsed like the request's, so no text of the id is needed.
   */
  private record InFlightKey(String session, JsonNode id) {}
}
