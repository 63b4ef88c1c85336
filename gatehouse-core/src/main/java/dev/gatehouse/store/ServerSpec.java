package dev.gatehouse.store;

import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a stored upstream server is, as written by whoever added it: everything but the id and the
 * timestamps the store assigns. Values that may hold secrets ({@code env}, {@code headers}) are
 * kept exactly as given, {@code ${env:VAR}} references unresolved. The constructor checks every
 * rule and fails with a {@link StoreException.Kind#INVALID} naming the field.
 *
 * @param name unique among servers, {@code [a-z0-9-]+}
 * @param transport how to reach it; stdio servers have a command, the others a url
 * @param url HTTP, SSE and AUTO: the endpoint, http or https
 * @param command stdio: the program to start
 * @param args stdio: its arguments
 * @param env stdio: extra environment variables
 * @param cwd stdio: working directory
 * @param headers HTTP, SSE and AUTO: static request headers
 * @param prefix namespace for tool and prompt names; empty means the server's name, {@code ""}
 *     exposes names as they are
 * @param timeout per-request timeout; empty means the gateway's default
 * @param enabled whether the gateway connects to it
 * @param allow tool and prompt name globs to expose; empty exposes all
 * @param deny tool and prompt name globs to hide; deny wins over allow
 * @param description for people
 */
public record ServerSpec(
    String name,
    TransportKind transport,
    Optional<URI> url,
    Optional<String> command,
    List<String> args,
    Map<String, String> env,
    Optional<String> cwd,
    Map<String, String> headers,
    Optional<String> prefix,
    Optional<Duration> timeout,
    boolean enabled,
    List<String> allow,
    List<String> deny,
    Optional<String> description) {

  public static final String ENTITY = "server";
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public ServerSpec {
    name = RecordRules.name(ENTITY, name);
    if (transport == null) {
      throw StoreException.invalid(ENTITY, name, "transport", "transport is required");
    }
    url = RecordRules.present(url, "url");
    command = RecordRules.present(command, "command");
    if (Objects.requireNonNull(args, "args").stream().anyMatch(Objects::isNull)) {
      throw StoreException.invalid(ENTITY, name, "args", "args holds a null argument");
    }
    args = List.copyOf(args);
    env = RecordRules.orderedCopy(env, "env");
    cwd = RecordRules.present(cwd, "cwd");
    headers = RecordRules.orderedCopy(headers, "headers");
    prefix = RecordRules.present(prefix, "prefix");
    timeout = RecordRules.present(timeout, "timeout");
    allow = RecordRules.globs(ENTITY, name, "allow", allow);
    deny = RecordRules.globs(ENTITY, name, "deny", deny);
    description = RecordRules.present(description, "description");
    checkTransport(name, transport, url, command, args, env, cwd, headers);
    if (url.isPresent()) {
      checkUrl(name, url.get());
    }
    checkHeaders(name, headers);
    checkEnv(name, env);
    if (prefix.isPresent()
        && !prefix.get().isEmpty()
        && !dev.gatehouse.upstream.UpstreamConfig.NAME.matcher(prefix.get()).matches()) {
      throw StoreException.invalid(
          ENTITY,
          name,
          "prefix",
          "prefix \"" + prefix.get() + "\" is invalid: use \"\" or lowercase letters, digits, '-'");
    }
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw StoreException.invalid(ENTITY, name, "timeout", "timeout must be positive");
    }
  }

  /** A Streamable HTTP, SSE or auto-detected server with defaults for the rest. */
  /**
   * What the gateway connects with. References in {@code env} and {@code headers} stay unresolved:
   * the connection resolves them when it connects. An unset prefix is the server's name, an unset
   * timeout {@link UpstreamConfig#DEFAULT_TIMEOUT}.
   */
  public UpstreamConfig toUpstreamConfig() {
    return new UpstreamConfig(
        name,
        transport,
        command,
        args,
        env,
        cwd.map(java.nio.file.Path::of),
        url,
        headers,
        prefix.orElse(name),
        timeout.orElse(UpstreamConfig.DEFAULT_TIMEOUT));
  }

  public static ServerSpec http(String name, TransportKind transport, URI url) {
    return builder(name).transport(transport).url(url).build();
  }

  /** A stdio server with defaults for the rest. */
  public static ServerSpec stdio(String name, String command, List<String> args) {
    return builder(name).command(command).args(args).build();
  }

  /**
   * Starts a spec. The transport, when not set, is {@code stdio} for a command and {@code auto}
   * otherwise; a server is enabled unless told otherwise.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this spec's values, to derive a changed one. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.transport = transport;
    b.url = url;
    b.command = command;
    b.args = new ArrayList<>(args);
    b.env = new LinkedHashMap<>(env);
    b.cwd = cwd;
    b.headers = new LinkedHashMap<>(headers);
    b.prefix = prefix;
    b.timeout = timeout;
    b.enabled = enabled;
    b.allow = new ArrayList<>(allow);
    b.deny = new ArrayList<>(deny);
    b.description = description;
    return b;
  }

  /** Parses a URL the way every edge should: an absolute http or https URL with a host. */
  public static URI parseUrl(String serverName, String text) {
    try {
      URI uri = new URI(text);
      checkUrl(serverName, uri);
      return uri;
    } catch (URISyntaxException e) {
      throw StoreException.invalid(
          ENTITY, serverName, "url", "url \"" + text + "\" is not a valid URL: " + e.getReason());
    }
  }

  private static void checkTransport(
      String name,
      TransportKind transport,
      Optional<URI> url,
      Optional<String> command,
      List<String> args,
      Map<String, String> env,
      Optional<String> cwd,
      Map<String, String> headers) {
    String kind = transport.name().toLowerCase(java.util.Locale.ROOT);
    if (transport == TransportKind.STDIO) {
      if (command.isEmpty() || command.get().isBlank()) {
        throw StoreException.invalid(ENTITY, name, "command", "a stdio server needs a command");
      }
      if (url.isPresent()) {
        throw StoreException.invalid(ENTITY, name, "url", "a stdio server takes no url");
      }
      if (!headers.isEmpty()) {
        throw StoreException.invalid(ENTITY, name, "headers", "a stdio server takes no headers");
      }
      return;
    }
    if (url.isEmpty()) {
      throw StoreException.invalid(ENTITY, name, "url", "a " + kind + " server needs a url");
    }
    String misplaced =
        command.isPresent()
            ? "command"
            : !args.isEmpty() ? "args" : !env.isEmpty() ? "env" : cwd.isPresent() ? "cwd" : null;
    if (misplaced != null) {
      throw StoreException.invalid(
          ENTITY, name, misplaced, "a " + kind + " server takes no " + misplaced + " (stdio only)");
    }
  }

  private static void checkUrl(String name, URI url) {
    String scheme = url.getScheme();
    if (!url.isAbsolute()
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || url.getHost() == null) {
      throw StoreException.invalid(
          ENTITY, name, "url", "url \"" + url + "\" must be an http or https URL with a host");
    }
  }

  private static void checkHeaders(String name, Map<String, String> headers) {
    headers.forEach((header, value) -> {
      if (header == null || !HEADER_NAME.matcher(header).matches()) {
        throw StoreException.invalid(
            ENTITY, name, "headers", "header name \"" + header + "\" is invalid");
      }
      if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw StoreException.invalid(
            ENTITY, name, "headers", "header \"" + header + "\" needs a value without line breaks");
      }
    });
  }

  private static void checkEnv(String name, Map<String, String> env) {
    env.forEach((variable, value) -> {
      if (variable == null
          || variable.isEmpty()
          || variable.indexOf('=') >= 0
          || variable.indexOf('\0') >= 0) {
        throw StoreException.invalid(
            ENTITY, name, "env", "environment variable name \"" + variable + "\" is invalid");
      }
      if (value == null) {
        throw StoreException.invalid(
            ENTITY, name, "env", "environment variable \"" + variable + "\" needs a value");
      }
    });
  }

  /** Collects a spec's values; {@link #build()} checks them. */
  public static final class Builder {
    private String name;
    private TransportKind transport;
    private Optional<URI> url = Optional.empty();
    private Optional<String> command = Optional.empty();
    private List<String> args = new ArrayList<>();
    private Map<String, String> env = new LinkedHashMap<>();
    private Optional<String> cwd = Optional.empty();
    private Map<String, String> headers = new LinkedHashMap<>();
    private Optional<String> prefix = Optional.empty();
    private Optional<Duration> timeout = Optional.empty();
    private boolean enabled = true;
    private List<String> allow = new ArrayList<>();
    private List<String> deny = new ArrayList<>();
    private Optional<String> description = Optional.empty();

    private Builder(String name) {
      this.name = name;
    }

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder transport(TransportKind value) {
      this.transport = Objects.requireNonNull(value, "transport");
      return this;
    }

    public Builder url(Optional<URI> value) {
      this.url = Objects.requireNonNull(value, "url");
      return this;
    }

    public Builder url(URI value) {
      return url(Optional.of(value));
    }

    public Builder command(Optional<String> value) {
      this.command = Objects.requireNonNull(value, "command");
      return this;
    }

    public Builder command(String value) {
      return command(Optional.of(value));
    }

    public Builder args(List<String> value) {
      this.args = new ArrayList<>(value);
      return this;
    }

    public Builder env(Map<String, String> value) {
      this.env = new LinkedHashMap<>(value);
      return this;
    }

    public Builder cwd(Optional<String> value) {
      this.cwd = Objects.requireNonNull(value, "cwd");
      return this;
    }

    public Builder headers(Map<String, String> value) {
      this.headers = new LinkedHashMap<>(value);
      return this;
    }

    public Builder header(String header, String value) {
      this.headers.put(header, value);
      return this;
    }

    public Builder prefix(Optional<String> value) {
      this.prefix = Objects.requireNonNull(value, "prefix");
      return this;
    }

    public Builder timeout(Optional<Duration> value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    public Builder allow(List<String> value) {
      this.allow = new ArrayList<>(value);
      return this;
    }

    public Builder deny(List<String> value) {
      this.deny = new ArrayList<>(value);
      return this;
    }

    public Builder description(Optional<String> value) {
      this.description = Objects.requireNonNull(value, "description");
      return this;
    }

    /**
     * @throws StoreException of kind INVALID, naming the field, when a rule is broken
     */
    public ServerSpec build() {
      TransportKind kind =
          transport != null
              ? transport
              : command.isPresent() ? TransportKind.STDIO : TransportKind.AUTO;
      return new ServerSpec(
          name,
          kind,
          url,
          command,
          args,
          env,
          cwd,
          headers,
          prefix,
          timeout,
          enabled,
          allow,
          deny,
          description);
    }
  }
}
