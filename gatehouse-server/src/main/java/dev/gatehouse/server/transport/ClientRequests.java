package dev.gatehouse.server.transport;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Requests the server sends to one client (sampling, elicitation, roots) that wait for the client's
 * response. Ids are strings with a prefix no client-chosen id is likely to use, so a response the
 * client sends back can be matched without knowing which stream carried the request.
 */
public final class ClientRequests {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final String ID_PREFIX = "gatehouse-s2c-";

  // ConcurrentHashMap allocates its table on the first put, so an idle session pays little.
  private final Map<String, CompletableFuture<Response>> waiting = new ConcurrentHashMap<>();
  private volatile String closedReason;

  /** A request on its way to the client and the answer to wait for. */
  public record Pending(Request request, CompletableFuture<Response> answer) {}

  /** Creates a request with a fresh id and starts waiting for its answer. */
  public Pending open(String method, ObjectNode params) {
    String id = ID_PREFIX + COUNTER.incrementAndGet();
    CompletableFuture<Response> answer = new CompletableFuture<>();
    Request request = Request.of(StringNode.valueOf(id), method, params);
    if (closedReason != null) {
      answer.completeExceptionally(closed(closedReason));
    } else {
      waiting.put(id, answer);
      if (closedReason != null) {
        // closeAll ran between the check and the put.
        waiting.remove(id);
        answer.completeExceptionally(closed(closedReason));
      }
    }
    return new Pending(request, answer);
  }

  /**
   * Waits for the client's answer.
   *
   * @throws GatewayException {@code TIMEOUT} when none comes in time, {@code CANCELLED} when the
   *     session ended or the thread was interrupted
   */
  public Response await(Pending pending, Duration timeout) {
    String id = pending.request().id().stringValue();
    try {
      return pending.answer().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new GatewayException(
          ErrorCode.TIMEOUT,
          "The client did not answer " + pending.request().method() + " within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(ErrorCode.CANCELLED, "Interrupted while waiting for the client");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GatewayException gateway) {
        throw gateway;
      }
      throw new GatewayException(ErrorCode.INTERNAL_ERROR, "Waiting for the client failed");
    } finally {
      waiting.remove(id);
    }
  }

  /**
   * The notification that tells the client the server no longer waits for this request, sent when
   * waiting timed out so the client can stop asking its user.
   */
  public static Notification cancellation(Pending pending, String reason) {
    ObjectNode params = Json.object().put("reason", reason);
    params.set("requestId", pending.request().id());
    return Notification.of(McpMethods.CANCELLED, params);
  }

  /** Hands a response from the client to its waiter; false when nobody waits for that id. */
  public boolean complete(Response response) {
    if (!response.id().isString()) {
      return false;
    }
    CompletableFuture<Response> answer = waiting.remove(response.id().stringValue());
    return answer != null && answer.complete(response);
  }

  /** Fails every waiter and all later requests: the client is gone. */
  public void closeAll(String reason) {
    closedReason = reason;
    for (String id : waiting.keySet()) {
      CompletableFuture<Response> answer = waiting.remove(id);
      if (answer != null) {
        answer.completeExceptionally(closed(reason));
      }
    }
  }

  /** How many requests wait for an answer. */
  public int size() {
    return waiting.size();
  }

  private static GatewayException closed(String reason) {
    return new GatewayException(ErrorCode.CANCELLED, reason);
  }
}
