package dev.gatehouse.server.stdio;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.modern.Envelope;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.transport.HandlerCalls;
import dev.gatehouse.server.transport.Handshake;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP stdio transport, server side: reads newline-delimited JSON-RPC from one stream and writes
 * one message per line to the other. Requests are handled concurrently on virtual threads;
 * notifications in arrival order on the reading thread (so their handler must not wait for the
 * client). The session begins with the first successful initialize and ends at end of input.
 *
 * <p>Both eras share the pipe, as the 2026-07-28 stdio binding allows: a request that claims a
 * revision in {@code params._meta} is served statelessly with its own envelope (and a {@code
 * notifications/cancelled} naming it cancels it), everything else belongs to the session.
 *
 * <p>Only messages go to the output; logging must go elsewhere (stderr).
 */
public final class StdioServer {
  private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);

  /** The default longest line accepted: 16 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

  private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

  private final McpHandler handler;
  private final LineReader reader;
  private final LineWriter writer;
  private volatile StdioSession session;
  private final Map<String, StdioExchange> statelessInFlight = new ConcurrentHashMap<>();

  private StdioServer(McpHandler handler, InputStream in, OutputStream out, int maxLineBytes) {
    this.handler = handler;
    this.reader = new LineReader(in, maxLineBytes);
    this.writer = new LineWriter(out);
  }

  public static StdioServer of(McpHandler handler, InputStream in, OutputStream out) {
    return of(handler, in, out, DEFAULT_MAX_LINE_BYTES);
  }

  public static StdioServer of(
      McpHandler handler, InputStream in, OutputStream out, int maxLineBytes) {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive");
    }
    return new StdioServer(handler, in, out, maxLineBytes);
  }

  /**
   * Serves until the input ends (or fails), then ends the session and returns once the output is
   * written. Requests still running then have their answers dropped.
   */
  public void run() {
    writer.start();
    try {
      Optional<LineReader.Line> line;
      while ((line = reader.next()).isPresent()) {
        dispatch(line.get());
      }
    } catch (IOException e) {
      LOG.debug("Input failed: {}", e.toString());
    } finally {
      statelessInFlight.values().forEach(StdioExchange::close);
      StdioSession ended = session;
      if (ended != null) {
        ended.close();
        HandlerCalls.onSessionClosed(handler, ended);
      }
      writer.close(DRAIN_WAIT);
    }
  }

  private void dispatch(LineReader.Line line) {
    if (line.tooLong()) {
      refuse(new GatewayException(ErrorCode.INVALID_REQUEST, "Invalid request: line too long"));
      return;
    }
    if (isBlank(line.bytes())) {
      return;
    }
    Message message;
    try {
      message = Message.parse(line.bytes());
    } catch (GatewayException e) {
      refuse(e);
      return;
    }
    switch (message) {
      case Request request when Envelope.isClaimedBy(request) -> {
        // Registered before the thread starts, so a cancellation read next finds it.
        Optional<StdioExchange> exchange = statelessExchange(request);
        Thread.ofVirtual()
            .name("gatehouse-stdio-request")
            .start(() -> answerStateless(request, exchange));
      }
      case Request request ->
          Thread.ofVirtual().name("gatehouse-stdio-request").start(() -> answer(request));
      case Notification notification ->
          HandlerCalls.onNotification(handler, notification, exchangeFor(notification));
      case Response response -> {
        StdioSession current = session;
        if (current == null || !current.clientRequests().complete(response)) {
          LOG.debug("A response from the client matched no waiting request");
        }
      }
    }
  }

  private void answer(Request request) {
    if (McpMethods.INITIALIZE.equals(request.method())) {
      initialize(request);
    } else {
      writer.send(HandlerCalls.handle(handler, request, exchange()));
    }
  }

  /**
   * The exchange of a stateless request: its envelope's version and capabilities, no session. Empty
   * when the envelope is invalid; the answer is then the validation error.
   */
  private Optional<StdioExchange> statelessExchange(Request request) {
    try {
      Envelope envelope = Envelope.read(request, handler.protocolVersions());
      StdioExchange exchange =
          new StdioExchange(
              Optional.empty(), envelope.protocolVersion(), envelope.clientCapabilities(), writer);
      statelessInFlight.put(Json.text(request.id()), exchange);
      return Optional.of(exchange);
    } catch (GatewayException e) {
      return Optional.empty();
    }
  }

  private void answerStateless(Request request, Optional<StdioExchange> exchange) {
    if (exchange.isEmpty()) {
      try {
        Envelope.read(request, handler.protocolVersions());
      } catch (GatewayException e) {
        writer.send(Response.error(request.id(), e));
      }
      return;
    }
    try {
      writer.send(HandlerCalls.handle(handler, request, exchange.get()));
    } finally {
      statelessInFlight.remove(Json.text(request.id()), exchange.get());
    }
  }

  /**
   * A cancellation that names a stateless request in flight belongs to that request's exchange; any
   * other notification to the session (or to no session yet).
   */
  private StdioExchange exchangeFor(Notification notification) {
    if (McpMethods.CANCELLED.equals(notification.method())
        && notification.params().get("requestId") instanceof tools.jackson.databind.JsonNode id) {
      StdioExchange stateless = statelessInFlight.get(Json.text(id));
      if (stateless != null) {
        return stateless;
      }
    }
    return exchange();
  }

  /** The first successful initialize starts the session; a later one updates it. */
  private void initialize(Request request) {
    Handshake handshake = Handshake.of(request);
    StdioSession current = session;
    StdioSession candidate =
        current != null
            ? current
            : new StdioSession(UUID.randomUUID().toString(), handshake, writer);
    if (current != null) {
      current.adopt(handshake);
    }
    StdioExchange exchange =
        new StdioExchange(
            Optional.of(candidate),
            handshake.provisionalVersion(),
            handshake.capabilities(),
            writer);
    Response answer = HandlerCalls.handle(handler, request, exchange);
    if (!answer.isError()) {
      Handshake.negotiatedVersion(answer).ifPresent(candidate::negotiated);
      session = candidate;
    }
    writer.send(answer);
  }

  private StdioExchange exchange() {
    StdioSession current = session;
    if (current != null) {
      return new StdioExchange(
          Optional.of(current), current.protocolVersion(), current.clientCapabilities(), writer);
    }
    return new StdioExchange(Optional.empty(), ProtocolVersion.V2025_03_26, Json.object(), writer);
  }

  private void refuse(GatewayException e) {
    writer.send(Response.error(null, e));
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
