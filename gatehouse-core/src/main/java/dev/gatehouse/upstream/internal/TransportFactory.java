package dev.gatehouse.upstream.internal;

import dev.gatehouse.upstream.Placeholders;
import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Makes a fresh transport for each connection attempt, resolving {@code ${...}} references in the
 * command line, env and headers at that moment, so that a rotated secret is picked up on the next
 * reconnect and a missing one fails the attempt with its name.
 */
final class TransportFactory {
  private final UpstreamConfig config;
  private final UpstreamOptions options;
  private final Executor executor;
  private final Placeholders placeholders;

  TransportFactory(UpstreamConfig config, UpstreamOptions options, Executor executor) {
    this.config = config;
    this.options = options;
    this.executor = executor;
    this.placeholders = new Placeholders(options.environment());
  }

  Transport create(TransportKind kind) throws TransportException {
    try {
      return switch (kind) {
        case STDIO -> stdio();
        case HTTP ->
            new StreamableHttpTransport(
                config.name(),
                config.url().orElseThrow(),
                placeholders.resolveValues(config.headers(), "header"),
                executor,
                options.handshakeTimeout());
        case SSE ->
            new SseTransport(
                config.name(),
                config.url().orElseThrow(),
                placeholders.resolveValues(config.headers(), "header"),
                executor,
                options.handshakeTimeout());
        case AUTO -> throw new IllegalArgumentException("AUTO is resolved by the connection");
      };
    } catch (IllegalArgumentException e) {
      throw new TransportException(e.getMessage(), e);
    }
  }

  private Transport stdio() throws TransportException {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(placeholders.resolveValues(config.env(), "env"));
    String command = resolve(config.command().orElseThrow(), "command");
    List<String> commandLine = new ArrayList<>();
    commandLine.add(CommandLocator.locate(command, environment, config.cwd()));
    for (String arg : config.args()) {
      commandLine.add(resolve(arg, "argument"));
    }
    return new StdioTransport(config.name(), commandLine, environment, config.cwd(), executor);
  }

  private String resolve(String value, String what) {
    try {
      return placeholders.resolve(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }
}
