package dev.gatehouse.modern;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call of a 2026-07-28 client that the core runs as it would for a session-era client, across
 * several of the client's requests. The core's requests to the client (an upstream's sampling,
 * elicitation or roots request during the call) become input requests the client answers on its
 * retry; meanwhile the core keeps waiting on the same upstream call. The client's request that is
 * waiting now is the current round: progress and log lines go to it.
 *
 * <p>The core runs on a thread of its own, so the client's request can be answered with {@code
 * input_required} while the call goes on.
 */
final class BridgedCall implements Exchange {
  private static final Logger log = LoggerFactory.getLogger(BridgedCall.class);

  /** A request of the core to the client, waiting for the client's answer. */
  record Input(String key, String method, ObjectNode params, CompletableFuture<Response> answer) {}

  /** What the client's waiting request gets: the call's answer, or a request for input. */
  sealed interface Outcome permits Done, NeedsInput {}

  record Done(Response response) implements Outcome {}

  record NeedsInput(List<Input> inputs) implements Outcome {}

  /** One request of the client for this call, with the progress token it asked for. */
  private record Round(StatelessExchange exchange, Optional<JsonNode> progressToken) {}

  private final String method;
  private final Optional<String> target;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Input> unanswered = new LinkedHashMap<>();
  private Round round;
  private boolean attached;
  private Response result;
  private int inputs;
  private volatile Thread worker;

  private BridgedCall(Request request, StatelessExchange first) {
    this.method = request.method();
    this.target = McpHeaders.nameOf(request);
    this.round = new Round(first, progressToken(request));
    this.attached = true;
  }

  /** Starts the core on the request; the caller then waits with {@link #awaitOutcome()}. */
  static BridgedCall start(McpHandler core, Request request, StatelessExchange first) {
    BridgedCall call = new BridgedCall(request, first);
    call.worker =
        Thread.ofVirtual()
            .name("gatehouse-bridged-" + request.method())
            .start(() -> call.finish(run(core, request, call)));
    return call;
  }

  String method() {
    return method;
  }

  /** The name or URI the call was made for, as the client named it. */
  Optional<String> target() {
    return target;
  }

  /** Makes a retry of the client the current round. */
  void attach(Request retry, StatelessExchange exchange) {
    lock.lock();
    try {
      round = new Round(exchange, progressToken(retry));
      attached = true;
    } finally {
      lock.unlock();
    }
  }

  /** The client's request was answered with input_required; nobody waits until the retry. */
  void park() {
    lock.lock();
    try {
      attached = false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands the client's input responses to the requests they answer. Keys that match nothing and
   * values that are not result objects are ignored; unanswered requests are asked again.
   */
  void answer(ObjectNode responses) {
    lock.lock();
    try {
      for (Map.Entry<String, JsonNode> entry : responses.properties()) {
        Input input = unanswered.get(entry.getKey());
        if (input != null && entry.getValue() instanceof ObjectNode value) {
          unanswered.remove(entry.getKey());
          input.answer().complete(Response.result(NullNode.getInstance(), value.deepCopy()));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the call is answered or needs input that was not asked for yet. */
  Outcome awaitOutcome() {
    lock.lock();
    try {
      while (result == null && unanswered.isEmpty()) {
        changed.await();
      }
      return result != null ? new Done(result) : new NeedsInput(List.copyOf(unanswered.values()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new GatewayException(ErrorCode.CANCELLED, "Cancelled while waiting for " + method);
    } finally {
      lock.unlock();
    }
  }

  /** Cancels the call: the core's thread is interrupted, which cancels it upstream too. */
  void cancel() {
    Thread thread = worker;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** The client never came back: fail what waits for it and stop the call. */
  void abandon() {
    lock.lock();
    try {
      unanswered
          .values()
          .forEach(input ->
              input
                  .answer()
                  .completeExceptionally(
                      new GatewayException(
                          ErrorCode.CANCELLED, "The client did not answer " + input.method())));
      unanswered.clear();
    } finally {
      lock.unlock();
    }
    cancel();
  }

  boolean isDone() {
    lock.lock();
    try {
      return result != null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<DownstreamSession> session() {
    return Optional.empty();
  }

  @Override
  public String protocolVersion() {
    return current().exchange().protocolVersion();
  }

  @Override
  public ObjectNode clientCapabilities() {
    return current().exchange().clientCapabilities();
  }

  @Override
  public Optional<String> header(String name) {
    return current().exchange().header(name);
  }

  @Override
  public Optional<String> logLevel() {
    return current().exchange().logLevel();
  }

  /** Goes to the client's current request; dropped while the call waits for a retry. */
  @Override
  public void notify(Notification notification) {
    Round now;
    lock.lock();
    try {
      if (!attached) {
        return;
      }
      now = round;
    } finally {
      lock.unlock();
    }
    if (McpMethods.PROGRESS.equals(notification.method())) {
      if (now.progressToken().isEmpty()) {
        return;
      }
      ObjectNode params = notification.params().deepCopy();
      params.set("progressToken", now.progressToken().get());
      notification = Notification.of(McpMethods.PROGRESS, params);
    }
    now.exchange().notify(notification);
  }

  /**
   * Asks the client through an input request of the next answer to it, and waits for the retry that
   * answers it.
   */
  @Override
  public Response request(String requestMethod, ObjectNode params, Duration timeout) {
    requireCapability(requestMethod, params, clientCapabilities());
    ObjectNode sent = params == null ? dev.gatehouse.protocol.Json.object() : params.deepCopy();
    // 2026-07-28 correlates URL elicitations through requestState, not elicitationId.
    sent.remove("elicitationId");
    Input input;
    lock.lock();
    try {
      input = new Input("input-" + ++inputs, requestMethod, sent, new CompletableFuture<>());
      unanswered.put(input.key(), input);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      return input.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new GatewayException(
          ErrorCode.TIMEOUT, "The client did not answer " + requestMethod + " within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(ErrorCode.CANCELLED, "Cancelled while waiting for the client");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GatewayException gateway) {
        throw gateway;
      }
      throw new GatewayException(ErrorCode.INTERNAL_ERROR, "Waiting for the client failed");
    } finally {
      lock.lock();
      try {
        unanswered.remove(input.key());
      } finally {
        lock.unlock();
      }
    }
  }

  private Round current() {
    lock.lock();
    try {
      return round;
    } finally {
      lock.unlock();
    }
  }

  private void finish(Response response) {
    lock.lock();
    try {
      result = response;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static Response run(McpHandler core, Request request, Exchange exchange) {
    try {
      Response response = core.handle(request, exchange);
      return response != null
          ? response
          : Response.error(
              request.id(), new GatewayException(ErrorCode.INTERNAL_ERROR, "Internal error"));
    } catch (GatewayException e) {
      return Response.error(request.id(), e);
    } catch (RuntimeException e) {
      log.error("Failed to handle {}", request.method(), e);
      return Response.error(
          request.id(), new GatewayException(ErrorCode.INTERNAL_ERROR, "Internal error"));
    }
  }

  /**
   * The capability an input request needs; the revision allows none it does not list (sampling,
   * elicitation, roots), and none the client did not declare on the request.
   */
  static void requireCapability(String method, ObjectNode params, ObjectNode capabilities) {
    String capability =
        switch (method) {
          case McpMethods.SAMPLING_CREATE_MESSAGE -> "sampling";
          case McpMethods.ELICITATION_CREATE -> "elicitation";
          case McpMethods.ROOTS_LIST -> "roots";
          default ->
              throw new GatewayException(
                  ErrorCode.CAPABILITY_NOT_SUPPORTED,
                  method + " cannot be asked of a 2026-07-28 client as an input request");
        };
    boolean declared = capabilities.has(capability);
    if (declared
        && McpMethods.ELICITATION_CREATE.equals(method)
        && params != null
        && "url".equals(params.path("mode").asString(""))) {
      declared = capabilities.path("elicitation").has("url");
    }
    if (!declared) {
      throw new GatewayException(
          ErrorCode.CAPABILITY_NOT_SUPPORTED,
          "The client did not declare the " + capability + " capability needed for " + method);
    }
  }

  private static Optional<JsonNode> progressToken(Request request) {
    return MetaKeys.metaOf(request.json().get("params"))
        .map(meta -> meta.get("progressToken"))
        .filter(token -> !token.isNull());
  }
}
