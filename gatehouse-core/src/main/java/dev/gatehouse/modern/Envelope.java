package dev.gatehouse.modern;

import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Request;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a 2026-07-28 request says about its client in {@code params._meta}: the revision, the
 * client's capabilities for this request, who it is and which log lines it wants.
 *
 * @param protocolVersion {@code io.modelcontextprotocol/protocolVersion}
 * @param clientCapabilities {@code io.modelcontextprotocol/clientCapabilities}
 * @param clientInfo {@code io.modelcontextprotocol/clientInfo}, when sent
 * @param logLevel {@code io.modelcontextprotocol/logLevel}, when sent: without it the request gets
 *     no log messages at all
 */
public record Envelope(
    String protocolVersion,
    ObjectNode clientCapabilities,
    Optional<ObjectNode> clientInfo,
    Optional<String> logLevel) {

  public Envelope {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(clientCapabilities, "clientCapabilities");
    Objects.requireNonNull(clientInfo, "clientInfo");
    Objects.requireNonNull(logLevel, "logLevel");
  }

  /**
   * True when a message claims the stateless revision: its {@code params._meta} holds the protocol
   * version key, whatever its value. Such a message is never served as session-era traffic, even
   * when its envelope turns out invalid.
   */
  public static boolean isClaimedBy(Message message) {
    JsonNode params = message.json().get("params");
    return MetaKeys.metaOf(params).map(meta -> meta.has(MetaKeys.PROTOCOL_VERSION)).orElse(false);
  }

  /**
   * Reads and checks the envelope of a request.
   *
   * @param served the revisions the server answers; a claim of any other is refused
   * @throws GatewayException {@code UNSUPPORTED_PROTOCOL_VERSION} (with {@code data.supported} and
   *     {@code data.requested}) when the revision is not served, {@code INVALID_PARAMS} when a
   *     required key is missing or a key has the wrong shape
   */
  public static Envelope read(Request request, Collection<String> served) {
    ObjectNode meta =
        MetaKeys.metaOf(request.json().get("params"))
            .orElseThrow(() -> invalid(MetaKeys.PROTOCOL_VERSION + " is missing"));
    JsonNode version = meta.get(MetaKeys.PROTOCOL_VERSION);
    if (version == null || !version.isString()) {
      throw invalid(MetaKeys.PROTOCOL_VERSION + " must be a string");
    }
    if (!served.contains(version.stringValue())) {
      throw unsupported(version.stringValue(), served);
    }
    JsonNode capabilities = meta.get(MetaKeys.CLIENT_CAPABILITIES);
    if (!(capabilities instanceof ObjectNode caps)) {
      throw invalid(
          MetaKeys.CLIENT_CAPABILITIES
              + (capabilities == null ? " is missing" : " must be an object"));
    }
    JsonNode info = meta.get(MetaKeys.CLIENT_INFO);
    if (info != null && !(info instanceof ObjectNode)) {
      throw invalid(MetaKeys.CLIENT_INFO + " must be an object");
    }
    JsonNode level = meta.get(MetaKeys.LOG_LEVEL);
    if (level != null && (!level.isString() || LogLevels.rank(level.stringValue()).isEmpty())) {
      throw invalid(MetaKeys.LOG_LEVEL + " must be one of " + String.join(", ", LogLevels.ORDER));
    }
    return new Envelope(
        version.stringValue(),
        caps,
        Optional.ofNullable((ObjectNode) info),
        Optional.ofNullable(level).map(JsonNode::stringValue));
  }

  /** The error a server answers a request for a revision it does not serve. */
  public static GatewayException unsupported(String requested, Collection<String> served) {
    ObjectNode data = Json.object();
    served.forEach(data.putArray("supported")::add);
    data.put("requested", requested);
    return new GatewayException(
        ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
        "Unsupported protocol version: " + requested,
        data,
        null);
  }

  /** Writes this envelope into {@code params._meta}, replacing any envelope already there. */
  public void writeTo(ObjectNode params) {
    ObjectNode meta = MetaKeys.metaIn(params);
    meta.put(MetaKeys.PROTOCOL_VERSION, protocolVersion);
    meta.set(MetaKeys.CLIENT_CAPABILITIES, clientCapabilities.deepCopy());
    clientInfo.ifPresentOrElse(
        info -> meta.set(MetaKeys.CLIENT_INFO, info.deepCopy()),
        () -> meta.remove(MetaKeys.CLIENT_INFO));
    logLevel.ifPresentOrElse(
        level -> meta.put(MetaKeys.LOG_LEVEL, level), () -> meta.remove(MetaKeys.LOG_LEVEL));
  }

  private static GatewayException invalid(String why) {
    return new GatewayException(
        ErrorCode.INVALID_PARAMS,
        "Invalid _meta envelope for protocol revision 2026-07-28: " + why);
  }
}
