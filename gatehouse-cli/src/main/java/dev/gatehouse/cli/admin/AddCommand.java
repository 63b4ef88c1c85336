package dev.gatehouse.cli.admin;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.upstream.TransportKind;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code gatehouse add NAME URL} and {@code gatehouse add NAME -- COMMAND [ARGS...]}: registers an
 * upstream in the running gateway's store. The record is checked here first, so a bad name or URL
 * is refused without a round trip.
 */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Register an upstream server with the running gateway.",
      "  gatehouse add NAME URL [--transport http|sse] [--header K=V]...",
      "  gatehouse add NAME -- COMMAND [ARGS...]      (a stdio server)"
    })
public final class AddCommand extends AdminVerb {
  @Parameters(index = "0", paramLabel = "NAME", description = "Lowercase letters, digits, '-'.")
  String name;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "URL | -- COMMAND ARGS",
      description = "The server's URL, or -- and the command that starts it.")
  List<String> target = new ArrayList<>();

  @Option(names = "--transport", description = "http (Streamable HTTP), sse or auto (default).")
  String transport;

  @Option(names = "--header", paramLabel = "K=V", description = "A request header; repeatable.")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(names = "--env", paramLabel = "K=V", description = "stdio: an environment variable.")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--cwd", description = "stdio: the working directory.")
  String cwd;

  @Option(names = "--allow", paramLabel = "GLOB", description = "Expose only matching tools.")
  List<String> allow = new ArrayList<>();

  @Option(names = "--deny", paramLabel = "GLOB", description = "Hide matching tools.")
  List<String> deny = new ArrayList<>();

  @Option(names = "--description", description = "For people.")
  String description;

  @Option(names = "--prefix", description = "Namespace of its tools (default: NAME).")
  String prefix;

  @Option(names = "--timeout-ms", description = "Per-request timeout.")
  Long timeoutMs;

  @Option(names = "--disabled", description = "Register it without connecting.")
  boolean disabled;

  @Mixin ReloadOption reload;

  @Override
  void run(AdminApiClient admin, PrintWriter out) {
    ServerSpec spec = spec();
    JsonNode created = admin.post("/servers" + reload.query(), Optional.of(body(spec)));
    String added = "Added " + spec.name() + " (" + describe(spec) + ")";
    out.println(
        reload.reload
            ? added + ", now " + ServerTable.state(created.path("status")) + "."
            : added + ". Run gatehouse reload to connect it.");
  }

  /** The record, checked by the same rules the gateway applies. */
  private ServerSpec spec() {
    Names.check("server", name);
    boolean stdio = commandSpec.commandLine().getParseResult().originalArgs().contains("--");
    ServerSpec.Builder builder = ServerSpec.builder(name);
    if (stdio) {
      if (target.isEmpty()) {
        throw AdminCallException.invalid(
            "give the command after --: add NAME -- COMMAND [ARGS...]");
      }
      if (!headers.isEmpty() || transport != null) {
        throw AdminCallException.invalid("--header and --transport are for URL servers");
      }
      builder
          .command(target.getFirst())
          .args(target.subList(1, target.size()))
          .env(env)
          .cwd(Optional.ofNullable(cwd));
    } else {
      if (target.size() != 1) {
        throw AdminCallException.invalid(
            "give one URL (add NAME URL), or a command after -- (add NAME -- COMMAND [ARGS...])");
      }
      if (!env.isEmpty() || cwd != null) {
        throw AdminCallException.invalid("--env and --cwd are for stdio servers (add NAME -- ...)");
      }
      builder.url(ServerSpec.parseUrl(name, target.getFirst())).headers(headers);
      if (transport != null) {
        builder.transport(transport());
      }
    }
    return builder
        .allow(allow)
        .deny(deny)
        .description(Optional.ofNullable(description))
        .prefix(Optional.ofNullable(prefix))
        .timeout(Optional.ofNullable(timeoutMs).map(Duration::ofMillis))
        .enabled(!disabled)
        .build();
  }

  private TransportKind transport() {
    try {
      TransportKind kind = TransportKind.parse(transport);
      if (kind == TransportKind.STDIO) {
        throw AdminCallException.invalid("a URL server uses http, sse or auto, not stdio");
      }
      return kind;
    } catch (IllegalArgumentException e) {
      throw AdminCallException.invalid(e.getMessage());
    }
  }

  private static ObjectNode body(ServerSpec spec) {
    ObjectNode body = Json.object();
    body.put("name", spec.name());
    body.put("transport", spec.transport().name().toLowerCase(Locale.ROOT));
    spec.url().map(URI::toString).ifPresent(url -> body.put("url", url));
    spec.command().ifPresent(command -> body.put("command", command));
    if (!spec.args().isEmpty()) {
      spec.args().forEach(body.putArray("args")::add);
    }
    if (!spec.env().isEmpty()) {
      spec.env().forEach(body.putObject("env")::put);
    }
    spec.cwd().ifPresent(dir -> body.put("cwd", dir));
    if (!spec.headers().isEmpty()) {
      spec.headers().forEach(body.putObject("headers")::put);
    }
    spec.allow().forEach(body.putArray("allow")::add);
    spec.deny().forEach(body.putArray("deny")::add);
    spec.description().ifPresent(text -> body.put("description", text));
    spec.prefix().ifPresent(text -> body.put("prefix", text));
    spec.timeout().ifPresent(timeout -> body.put("timeout_ms", timeout.toMillis()));
    body.put("enabled", spec.enabled());
    return body;
  }

  private static String describe(ServerSpec spec) {
    String kind = spec.transport().name().toLowerCase(Locale.ROOT);
    return spec.url()
        .map(url -> kind + " " + url)
        .orElseGet(() -> "stdio: " + String.join(" ", commandLine(spec)));
  }

  private static List<String> commandLine(ServerSpec spec) {
    List<String> line = new ArrayList<>();
    spec.command().ifPresent(line::add);
    line.addAll(spec.args());
    return line;
  }
}
