package dev.gatehouse.discovery;

import tools.jackson.databind.node.ObjectNode;

/** One tool the gateway itself offers to find, inspect and run upstream tools. */
interface MetaTool {

  String name();

  /** The tool as {@code tools/list} shows it: name, description, input schema, annotations. */
  ObjectNode definition();

  /**
   * Answers one call with a {@code tools/call} result.
   *
   * @throws dev.gatehouse.protocol.GatewayException for anything the caller should correct or
   *     retry; it becomes an error result with the stable code
   */
  ObjectNode call(MetaCall call);
}
