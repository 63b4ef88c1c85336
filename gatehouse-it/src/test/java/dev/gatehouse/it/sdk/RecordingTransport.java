package dev.gatehouse.it.sdk;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An SDK client transport that records the requests it sends and the notifications it receives, in
 * wire order, and can send {@code notifications/cancelled} for a request. The SDK client has no
 * cancellation API of its own, and it hands notifications to its consumers on a thread pool, so
 * their order there says nothing about the order the gateway sent them in.
 */
final class RecordingTransport implements McpClientTransport {
  private final McpClientTransport delegate;
  private final List<JSONRPCRequest> sent = new CopyOnWriteArrayList<>();
  private final List<JSONRPCNotification> received = new CopyOnWriteArrayList<>();

  RecordingTransport(McpClientTransport delegate) {
    this.delegate = delegate;
  }

  /** The JSON-RPC id of the most recent {@code tools/call} for this tool, once it was sent. */
  Optional<Object> toolCallId(String tool) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      JSONRPCRequest request = sent.get(i);
      if (request.params() instanceof CallToolRequest call && call.name().equals(tool)) {
        return Optional.of(request.id());
      }
    }
    return Optional.empty();
  }

  /** The params of the notifications of this method received so far, in arrival order. */
  List<Map<?, ?>> receivedParams(String method) {
    List<Map<?, ?>> params = new ArrayList<>();
    for (JSONRPCNotification notification : received) {
      if (notification.method().equals(method) && notification.params() instanceof Map<?, ?> map) {
        params.add(map);
      }
    }
    return params;
  }

  /** Sends {@code notifications/cancelled} for a request this client sent. */
  void cancel(Object requestId, String reason) {
    delegate
        .sendMessage(
            new JSONRPCNotification(
                "notifications/cancelled", Map.of("requestId", requestId, "reason", reason)))
        .block(Duration.ofSeconds(10));
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return delegate.connect(inbound ->
        handler.apply(
            inbound.doOnNext(message -> {
              if (message instanceof JSONRPCNotification notification) {
                received.add(notification);
              }
            })));
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    if (message instanceof JSONRPCRequest request) {
      sent.add(request);
    }
    return delegate.sendMessage(message);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
    return delegate.unmarshalFrom(data, type);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
