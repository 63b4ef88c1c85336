package dev.gatehouse.server.transport;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a transport reads from an {@code initialize} request: the revision the client asked for, its
 * capabilities and its identity.
 */
public record Handshake(String requestedVersion, ObjectNode capabilities, ObjectNode clientInfo) {

  /** Reads the handshake from an initialize request, with empty objects for missing parts. */
  public static Handshake of(Request initialize) {
    JsonNode params = initialize.json().get("params");
    String version = Json.string(params, "protocolVersion").orElse(ProtocolVersion.V2025_03_26);
    return new Handshake(version, object(params, "capabilities"), object(params, "clientInfo"));
  }

  /** The revision the session speaks until the handler's answer says otherwise. */
  public String provisionalVersion() {
    return ProtocolVersion.negotiate(requestedVersion);
  }

  /** The revision a successful initialize result settled on, when it names one. */
  public static Optional<String> negotiatedVersion(Response result) {
    return result.result().flatMap(r -> Json.string(r, "protocolVersion"));
  }

  private static ObjectNode object(JsonNode params, String field) {
    if (params != null && params.get(field) instanceof ObjectNode object) {
      return object;
    }
    return Json.object();
  }
}
