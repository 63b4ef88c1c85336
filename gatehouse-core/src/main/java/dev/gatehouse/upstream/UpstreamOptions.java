package dev.gatehouse.upstream;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the gateway brings to every upstream connection, as opposed to what is configured per
 * upstream ({@link UpstreamConfig}).
 *
 * @param clientInfo the {@code clientInfo} of the initialize request ({@code name}, {@code
 *     version}, ...)
 * @param clientCapabilities the capabilities the gateway declares upstream (roots, sampling,
 *     elicitation when it can route them to its clients)
 * @param protocolVersion the revision requested in {@code initialize}
 * @param backoff delays between reconnection attempts
 * @param handshakeTimeout how long connecting plus {@code initialize} may take
 * @param executor runs the connection's background work (readers, the reconnect loop, forwarded
 *     server requests); empty means one virtual thread per task. Every task blocks, so a bounded
 *     pool must be large enough for every reader of every connection.
 * @param fallback answers server-to-client requests that no downstream exchange can take
 * @param environment looks up {@code ${VAR}} references in env and header values
 */
public record UpstreamOptions(
    ObjectNode clientInfo,
    ObjectNode clientCapabilities,
    String protocolVersion,
    Backoff backoff,
    Duration handshakeTimeout,
    Optional<Executor> executor,
    ServerRequestFallback fallback,
    Function<String, Optional<String>> environment) {

  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

  public UpstreamOptions {
    Objects.requireNonNull(clientInfo, "clientInfo");
    Objects.requireNonNull(clientCapabilities, "clientCapabilities");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(fallback, "fallback");
    Objects.requireNonNull(environment, "environment");
    clientInfo = clientInfo.deepCopy();
    clientCapabilities = clientCapabilities.deepCopy();
  }

  /**
   * Client info {@code {"name": "gatehouse", "version": <this build>}}, no capabilities, {@link
   * ProtocolVersion#LATEST_SESSION_ERA}, {@link Backoff#DEFAULT}, a 30 s handshake, virtual
   * threads, {@link ServerRequestFallback#standard()} and the process environment.
   */
  public static UpstreamOptions defaults() {
    ObjectNode info = Json.object();
    info.put("name", "gatehouse");
    info.put("version", buildVersion());
    return new UpstreamOptions(
        info,
        Json.object(),
        ProtocolVersion.LATEST_SESSION_ERA,
        Backoff.DEFAULT,
        DEFAULT_HANDSHAKE_TIMEOUT,
        Optional.empty(),
        ServerRequestFallback.standard(),
        name -> Optional.ofNullable(System.getenv(name)));
  }

  public UpstreamOptions withClientInfo(ObjectNode newClientInfo) {
    return new UpstreamOptions(
        newClientInfo,
        clientCapabilities,
        protocolVersion,
        backoff,
        handshakeTimeout,
        executor,
        fallback,
        environment);
  }

  public UpstreamOptions withClientCapabilities(ObjectNode capabilities) {
    return new UpstreamOptions(
        clientInfo,
        capabilities,
        protocolVersion,
        backoff,
        handshakeTimeout,
        executor,
        fallback,
        environment);
  }

  public UpstreamOptions withProtocolVersion(String version) {
    return new UpstreamOptions(
        clientInfo,
        clientCapabilities,
        version,
        backoff,
        handshakeTimeout,
        executor,
        fallback,
        environment);
  }

  public UpstreamOptions withBackoff(Backoff newBackoff) {
    return new UpstreamOptions(
        clientInfo,
        clientCapabilities,
        protocolVersion,
        newBackoff,
        handshakeTimeout,
        executor,
        fallback,
        environment);
  }

  public UpstreamOptions withHandshakeTimeout(Duration timeout) {
    return new UpstreamOptions(
        clientInfo,
        clientCapabilities,
        protocolVersion,
        backoff,
        timeout,
        executor,
        fallback,
        environment);
  }

  public UpstreamOptions withExecutor(Executor newExecutor) {
    return new UpstreamOptions(
        clientInfo,
        clientCapabilities,
        protocolVersion,
        backoff,
        handshakeTimeout,
        Optional.of(newExecutor),
        fallback,
        environment);
  }

  public UpstreamOptions withFallback(ServerRequestFallback newFallback) {
    return new UpstreamOptions(
        clientInfo,
        clientCapabilities,
        protocolVersion,
        backoff,
        handshakeTimeout,
        executor,
        newFallback,
        environment);
  }

  public UpstreamOptions withEnvironment(Function<String, Optional<String>> lookup) {
    return new UpstreamOptions(
        clientInfo,
        clientCapabilities,
        protocolVersion,
        backoff,
        handshakeTimeout,
        executor,
        fallback,
        lookup);
  }

  private static String buildVersion() {
    String version = UpstreamOptions.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
