package dev.gatehouse.bench.load;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client session on a Streamable HTTP endpoint, opened with {@code initialize} and {@code
 * notifications/initialized}; its headers go on every later POST of any connection.
 */
public final class McpSession {
  /**
   * The revision asked for: the one the gateway itself speaks to upstreams, so that direct and
   * proxied loads exchange the same messages. A server that answers with an older one gets that.
   */
  private static final String VERSION = "2025-11-25";

  private final URI endpoint;
  private final Optional<String> sessionId;
  private final byte[] headers;

  private McpSession(URI endpoint, Optional<String> sessionId, String version) {
    this.endpoint = endpoint;
    this.sessionId = sessionId;
    String text =
        "MCP-Protocol-Version: "
            + version
            + "\r\n"
            + sessionId.map(id -> "Mcp-Session-Id: " + id + "\r\n").orElse("");
    this.headers = text.getBytes(StandardCharsets.US_ASCII);
  }

  public static McpSession open(URI endpoint) throws IOException {
    try (HttpConnection connection = new HttpConnection(endpoint)) {
      ObjectNode params = Json.object();
      params.put("protocolVersion", VERSION);
      params.putObject("capabilities");
      params.putObject("clientInfo").put("name", "gatehouse-bench").put("version", "1");
      HttpConnection.Reply reply =
          connection.post(new byte[0], Json.bytes(request(0, "initialize", params)));
      if (reply.status() != 200 || messageOf(reply).path("result").isMissingNode()) {
        throw new IOException(
            "initialize at " + endpoint + " failed: HTTP " + reply.status() + " " + snippet(reply));
      }
      String negotiated = messageOf(reply).path("result").path("protocolVersion").asString(VERSION);
      McpSession session =
          new McpSession(
              endpoint, Optional.ofNullable(reply.headers().get("mcp-session-id")), negotiated);
      ObjectNode initialized = Json.object();
      initialized.put("jsonrpc", "2.0");
      initialized.put("method", "notifications/initialized");
      HttpConnection.Reply ack = connection.post(session.headers, Json.bytes(initialized));
      if (ack.status() / 100 != 2) {
        throw new IOException("notifications/initialized refused: HTTP " + ack.status());
      }
      return session;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public Optional<String> id() {
    return sessionId;
  }

  /** The session headers, formatted for {@link HttpConnection#post}. */
  public byte[] headers() {
    return headers.clone();
  }

  /** Sends one request on a fresh connection and returns the JSON-RPC message answering it. */
  public JsonNode call(String method, ObjectNode params) throws IOException {
    try (HttpConnection connection = new HttpConnection(endpoint)) {
      HttpConnection.Reply reply = connection.post(headers, Json.bytes(request(1, method, params)));
      if (reply.status() != 200) {
        throw new IOException(method + " failed: HTTP " + reply.status() + " " + snippet(reply));
      }
      return messageOf(reply);
    }
  }

  /** The names of the listed tools. */
  public List<String> toolNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (JsonNode tool : call("tools/list", Json.object()).path("result").path("tools")) {
      names.add(tool.path("name").asString(""));
    }
    return names;
  }

  /**
   * The exposed name of the upstream tool {@code name}: itself, or the one ending in it after a
   * separator (gateways prefix names with the server's).
   */
  public String toolNamed(String name) throws IOException {
    List<String> names = toolNames();
    if (names.contains(name)) {
      return name;
    }
    return names.stream()
        .filter(n -> n.endsWith(name) && n.length() > name.length())
        .filter(n -> !Character.isLetterOrDigit(n.charAt(n.length() - name.length() - 1)))
        .findFirst()
        .orElseThrow(() -> new IOException("no tool like " + name + " at " + endpoint));
  }

  static ObjectNode request(long id, String method, ObjectNode params) {
    ObjectNode json = Json.object();
    json.put("jsonrpc", "2.0");
    json.put("id", id);
    json.put("method", method);
    json.set("params", params);
    return json;
  }

  /** The JSON-RPC message of an answer, whether plain JSON or an SSE stream of one response. */
  static JsonNode messageOf(HttpConnection.Reply reply) {
    String type = reply.headers().getOrDefault("content-type", "");
    if (!type.startsWith("text/event-stream")) {
      return Json.parse(reply.body());
    }
    JsonNode last = Json.object();
    StringBuilder data = new StringBuilder();
    for (String line : reply.text().split("\n", -1)) {
      if (line.startsWith("data:")) {
        data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
      } else if (line.isBlank() && !data.isEmpty()) {
        JsonNode message = Json.parse(data.toString());
        if (message.has("result") || message.has("error")) {
          last = message;
        }
        data.setLength(0);
      }
    }
    return last;
  }

  private static String snippet(HttpConnection.Reply reply) {
    String text = reply.text();
    return text.length() > 300 ? text.substring(0, 300) : text;
  }
}
