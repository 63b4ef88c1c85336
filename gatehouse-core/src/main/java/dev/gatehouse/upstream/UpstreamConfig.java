package dev.gatehouse.upstream;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One upstream server as configured. Values that may hold secrets ({@code env}, {@code headers})
 * keep their {@code ${env:VAR}} references here and are resolved only when connecting.
 *
 * @param name unique, {@code [a-z0-9-]+}
 * @param transport how to reach it
 * @param command stdio: the program to start
 * @param args stdio: its arguments
 * @param env stdio: extra environment variables
 * @param cwd stdio: working directory
 * @param url HTTP, SSE and AUTO: the endpoint
 * @param headers HTTP, SSE and AUTO: static request headers
 * @param prefix namespace prefix for tool and prompt names; "" exposes names as they are
 * @param timeout per-request timeout
 */
public record UpstreamConfig(
    String name,
    TransportKind transport,
    Optional<String> command,
    List<String> args,
    Map<String, String> env,
    Optional<Path> cwd,
    Optional<URI> url,
    Map<String, String> headers,
    String prefix,
    Duration timeout) {

  public static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public UpstreamConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "server name \"" + name + "\" is invalid: use lowercase letters, digits and '-'");
    }
    args = List.copyOf(args);
    env = Map.copyOf(env);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(timeout, "timeout");
    switch (transport) {
      case STDIO -> {
        if (command.isEmpty() || command.get().isBlank()) {
          throw new IllegalArgumentException("server \"" + name + "\": stdio needs a command");
        }
      }
      case HTTP, SSE, AUTO -> {
        if (url.isEmpty()) {
          throw new IllegalArgumentException(
              "server \"" + name + "\": " + transport + " needs a url");
        }
      }
    }
  }

  /** A stdio upstream with defaults for the rest. */
  public static UpstreamConfig stdio(String name, String command, List<String> args) {
    return new UpstreamConfig(
        name,
        TransportKind.STDIO,
        Optional.of(command),
        args,
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        name,
        DEFAULT_TIMEOUT);
  }

  /** A Streamable HTTP, SSE or auto-detected upstream with defaults for the rest. */
  public static UpstreamConfig http(String name, TransportKind transport, URI url) {
    return new UpstreamConfig(
        name,
        transport,
        Optional.empty(),
        List.of(),
        Map.of(),
        Optional.empty(),
        Optional.of(url),
        Map.of(),
        name,
        DEFAULT_TIMEOUT);
  }

  public UpstreamConfig withPrefix(String newPrefix) {
    return new UpstreamConfig(
        name, transport, command, args, env, cwd, url, headers, newPrefix, timeout);
  }

  public UpstreamConfig withTimeout(Duration newTimeout) {
    return new UpstreamConfig(
        name, transport, command, args, env, cwd, url, headers, prefix, newTimeout);
  }
}
