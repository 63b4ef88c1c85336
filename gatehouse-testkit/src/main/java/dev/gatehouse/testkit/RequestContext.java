package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * One request being handled by a {@link TestServer}, with the ways a handler talks back to the
 * client about it: progress, log messages, and requests to the client (sampling, elicitation,
 * roots).
 */
public final class RequestContext {
  static final String LOG_LEVEL = "testkit.logLevel";

  private final Request request;
  private final Exchange exchange;
  private final Duration clientRequestTimeout;
  private final CompletableFuture<Void> serverClosed;
  private final CompletableFuture<Void> cancelled = new CompletableFuture<>();

  RequestContext(
      Request request,
      Exchange exchange,
      Duration clientRequestTimeout,
      CompletableFuture<Void> serverClosed) {
    this.request = request;
    this.exchange = exchange;
    this.clientRequestTimeout = clientRequestTimeout;
    this.serverClosed = serverClosed;
  }

  /** The request as it arrived. */
  public Request request() {
    return request;
  }

  /** The request's params (an empty object when it had none). */
  public ObjectNode params() {
    return request.json().get("params") instanceof ObjectNode params ? params : Json.object();
  }

  public Exchange exchange() {
    return exchange;
  }

  public Optional<DownstreamSession> session() {
    return exchange.session();
  }

  /** {@code params._meta.progressToken}, when the client asked for progress. */
  public Optional<JsonNode> progressToken() {
    return request.meta().map(meta -> meta.get("progressToken")).filter(t -> !t.isNull());
  }

  /**
   * Sends {@code notifications/progress} for this request; does nothing when the client gave no
   * progress token.
   *
   * @param total the total when known; 0 or less leaves it out
   * @return whether a notification was sent
   */
  public boolean progress(double progress, double total, String message) {
    return sendProgress(progress, total, Optional.of(message));
  }

  /** {@link #progress(double, double, String)} without a message. */
  public boolean progress(double progress, double total) {
    return sendProgress(progress, total, Optional.empty());
  }

  /**
   * Sends a {@code notifications/message} log line about this request, unless the session's level
   * (set by {@code logging/setLevel}) is more severe.
   *
   * @return whether it was sent
   */
  public boolean log(LogLevel level, String logger, JsonNode data) {
    return sendLog(level, Optional.of(logger), data);
  }

  /** A log line without a logger name. */
  public boolean log(LogLevel level, JsonNode data) {
    return sendLog(level, Optional.empty(), data);
  }

  /** A text log line without a logger name. */
  public boolean log(LogLevel level, String text) {
    return sendLog(level, Optional.empty(), StringNode.valueOf(text));
  }

  /** Sends any notification on this request's stream. */
  public void notify(Notification notification) {
    exchange.notify(notification);
  }

  /** Asks the client to sample an LLM ({@code sampling/createMessage}); returns its result. */
  public ObjectNode sample(ObjectNode params) {
    return ask(McpMethods.SAMPLING_CREATE_MESSAGE, params);
  }

  /** Asks the client for user input ({@code elicitation/create}); returns its result. */
  public ObjectNode elicit(ObjectNode params) {
    return ask(McpMethods.ELICITATION_CREATE, params);
  }

  /** Asks the client for its roots ({@code roots/list}); returns its result. */
  public ObjectNode listRoots() {
    return ask(McpMethods.ROOTS_LIST, Json.object());
  }

  /**
   * Sends a request to the client and returns its result; an error answer becomes a {@link
   * GatewayException} carrying the client's error as data.
   */
  public ObjectNode ask(String method, ObjectNode params) {
    Response response = request(method, params, clientRequestTimeout);
    if (response.error().isPresent()) {
      ObjectNode error = response.error().get();
      throw new GatewayException(
          ErrorCode.EXECUTION_ERROR,
          method + " failed: " + Json.string(error, "message").orElse("error"),
          error,
          null);
    }
    return response.result().filter(JsonNode::isObject).map(ObjectNode.class::cast).orElseThrow();
  }

  /** Sends a request to the client and returns the raw response. */
  public Response request(String method, ObjectNode params, Duration timeout) {
    return exchange.request(method, params, timeout);
  }

  /** True once the client sent {@code notifications/cancelled} for this request. */
  public boolean isCancelled() {
    return cancelled.isDone();
  }

  /**
   * Waits for {@code duration}, ending early when the request is cancelled or the server closes.
   *
   * @return true when the whole time passed
   */
  public boolean sleep(Duration duration) {
    try {
      CompletableFuture.anyOf(cancelled, serverClosed)
          .get(duration.toNanos(), TimeUnit.NANOSECONDS);
      return false;
    } catch (TimeoutException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }

  private boolean sendProgress(double progress, double total, Optional<String> message) {
    Optional<JsonNode> token = progressToken();
    if (token.isEmpty()) {
      return false;
    }
    ObjectNode params = Json.object();
    params.set("progressToken", token.get());
    params.put("progress", progress);
    if (total > 0) {
      params.put("total", total);
    }
    message.ifPresent(text -> params.put("message", text));
    exchange.notify(Notification.of(McpMethods.PROGRESS, params));
    return true;
  }

  private boolean sendLog(LogLevel level, Optional<String> logger, JsonNode data) {
    Optional<LogLevel> minimum =
        session().map(s -> s.attributes().get(LOG_LEVEL)).map(LogLevel.class::cast);
    if (minimum.isPresent() && level.compareTo(minimum.get()) < 0) {
      return false;
    }
    ObjectNode params = Json.object();
    params.put("level", level.wireName());
    logger.ifPresent(name -> params.put("logger", name));
    params.set("data", data);
    exchange.notify(Notification.of(McpMethods.MESSAGE, params));
    return true;
  }

  /** Waits until the request is cancelled or the server closes. */
  void awaitEnd() {
    try {
      CompletableFuture.anyOf(cancelled, serverClosed).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // Only ever completed normally.
    }
  }

  void cancel() {
    cancelled.complete(null);
  }
}
