package dev.gatehouse.upstream.internal;

import dev.gatehouse.modern.Envelope;
import dev.gatehouse.modern.MetaKeys;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.ServerInfo;
import dev.gatehouse.upstream.UpstreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code server/discover} probe that tells which era an upstream speaks, and how to read its
 * answer. A discovery result naming a stateless revision the gateway speaks, or a recognized
 * 2026-07-28 error, means a stateless server; any other answer (an error, a 4xx without such an
 * error, silence on stdio) means a session-era server, to be reached with {@code initialize}.
 */
final class DiscoveryProbe {

  /** What the probe's answer says. */
  sealed interface Verdict permits Stateless, SessionEra, Refused {}

  /** A stateless server; talk to it in {@code version}. */
  record Stateless(String version, ServerInfo info) implements Verdict {}

  /** A session-era server: initialize. */
  record SessionEra(String why) implements Verdict {}

  /** A stateless server the gateway cannot talk to (no common revision, request refused). */
  record Refused(String why) implements Verdict {}

  private DiscoveryProbe() {}

  /** The probe's params: the envelope of the newest stateless revision and nothing else. */
  static ObjectNode params(UpstreamOptions options) {
    ObjectNode params = Json.object();
    new Envelope(
            ProtocolVersion.LATEST_STATELESS,
            options.clientCapabilities(),
            Optional.of(options.clientInfo()),
            Optional.empty())
        .writeTo(params);
    return params;
  }

  static Verdict judge(Response answer) {
    if (answer.isError()) {
      ObjectNode error = answer.error().orElseGet(Json::object);
      int code = error.path("code").asInt(0);
      String message = error.path("message").asString("");
      return switch (code) {
        case JsonRpcCodes.UNSUPPORTED_PROTOCOL_VERSION -> {
          Verdict verdict = byVersions(versions(error.path("data").path("supported")), message);
          yield verdict instanceof Stateless
              ? new Refused("the server refused server/discover: " + message)
              : verdict;
        }
        case JsonRpcCodes.HEADER_MISMATCH, JsonRpcCodes.MISSING_REQUIRED_CLIENT_CAPABILITY ->
            new Refused("the server refused server/discover: " + message);
        default -> new SessionEra("server/discover answered " + code + " " + message);
      };
    }
    if (!(answer.result().orElse(null) instanceof ObjectNode result)) {
      return new SessionEra("server/discover answered without a result object");
    }
    List<String> offered = versions(result.path("supportedVersions"));
    Verdict verdict = byVersions(offered, "");
    if (verdict instanceof Stateless stateless) {
      ObjectNode serverInfo =
          MetaKeys.metaOf(result)
              .map(meta -> meta.get(MetaKeys.SERVER_INFO))
              .filter(ObjectNode.class::isInstance)
              .map(ObjectNode.class::cast)
              .orElseGet(Json::object);
      return new Stateless(
          stateless.version(),
          new ServerInfo(
              stateless.version(),
              result.get("capabilities") instanceof ObjectNode caps ? caps : Json.object(),
              serverInfo,
              Json.string(result, "instructions")));
    }
    return verdict;
  }

  /**
   * True for an {@code initialize} refusal by a server that names stateless revisions it speaks:
   * the remembered era is wrong and the next attempt should probe again.
   */
  static boolean namesStatelessVersions(Response answer) {
    return answer
        .error()
        .filter(e -> e.path("code").asInt(0) == JsonRpcCodes.UNSUPPORTED_PROTOCOL_VERSION)
        .map(e -> versions(e.path("data").path("supported")))
        .map(offered -> offered.stream().anyMatch(ProtocolVersion::isStateless))
        .orElse(false);
  }

  private static Verdict byVersions(List<String> offered, String message) {
    for (String version : ProtocolVersion.STATELESS_ERA) {
      if (offered.contains(version)) {
        return new Stateless(version, null);
      }
    }
    if (offered.stream().anyMatch(ProtocolVersion::isSessionEra)) {
      return new SessionEra("the server offers " + String.join(", ", offered));
    }
    return new Refused(
        "the server offers "
            + (offered.isEmpty() ? "no protocol version" : String.join(", ", offered))
            + "; the gateway speaks "
            + String.join(", ", ProtocolVersion.ALL)
            + (message.isEmpty() ? "" : " (" + message + ")"));
  }

  private static List<String> versions(JsonNode array) {
    List<String> versions = new ArrayList<>();
    for (JsonNode version : array) {
      if (version.isString()) {
        versions.add(version.stringValue());
      }
    }
    return versions;
  }
}
