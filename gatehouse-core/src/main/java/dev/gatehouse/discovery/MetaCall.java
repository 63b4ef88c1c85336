package dev.gatehouse.discovery;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.registry.UpstreamRegistry;

/**
 * One meta-tool call with what answering it needs.
 *
 * @param arguments the call's {@code arguments}
 * @param visible the catalog as this caller may see it
 * @param request the client's {@code tools/call} request
 * @param exchange the client exchange it arrived on
 * @param registry the upstreams, for refreshes and connection state
 * @param direct the endpoint's own call path for upstream tools
 */
record MetaCall(
    Arguments arguments,
    VisibleCatalog visible,
    Request request,
    Exchange exchange,
    UpstreamRegistry registry,
    DirectToolCall direct) {}
