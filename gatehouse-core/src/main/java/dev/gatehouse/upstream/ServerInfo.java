package dev.gatehouse.upstream;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an upstream said about itself in its initialize result.
 *
 * @param protocolVersion the negotiated revision
 * @param capabilities the server's capabilities object
 * @param serverInfo the server's {@code serverInfo} (name, version, title, icons ...)
 * @param instructions its instructions, if any
 */
public record ServerInfo(
    String protocolVersion,
    ObjectNode capabilities,
    ObjectNode serverInfo,
    Optional<String> instructions) {

  /** True when the server declared {@code capabilities.<name>}. */
  public boolean has(String capability) {
    return capabilities.has(capability);
  }
}
