package dev.gatehouse.server.admin;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.GatehouseHttpServer;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A real Streamable HTTP MCP server on loopback that lists a fixed set of tools. */
final class TinyUpstream implements McpHandler, AutoCloseable {
  private final String name;
  private final List<String> tools;
  private final GatehouseHttpServer http;

  TinyUpstream(String name, List<String> tools) {
    this.name = name;
    this.tools = List.copyOf(tools);
    this.http = GatehouseHttpServer.builder().mcp("/mcp", this).build().start();
  }

  URI url() {
    return http.uri().resolve("/mcp");
  }

  @Override
  public Response handle(Request request, Exchange exchange) {
    ObjectNode result = Json.object();
    switch (request.method()) {
      case "initialize" -> {
        String requested = Json.string(request.params(), "protocolVersion").orElse("");
        result.put("protocolVersion", ProtocolVersion.negotiate(requested));
        result.putObject("capabilities").putObject("tools");
        result.putObject("serverInfo").put("name", name).put("version", "1.2.3");
      }
      case "tools/list" -> {
        ArrayNode list = result.putArray("tools");
        for (String tool : tools) {
          ObjectNode item = list.addObject().put("name", tool).put("description", "the " + tool);
          item.putObject("inputSchema").put("type", "object");
        }
      }
      case "ping" -> {}
      default -> {
        return Response.error(request.id(), -32601, "Method not found: " + request.method());
      }
    }
    return Response.result(request.id(), result);
  }

  @Override
  public void close() {
    http.close();
  }
}
