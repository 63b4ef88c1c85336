/**
 * How upstream connections work inside: the transports (stdio, Streamable HTTP, legacy SSE), the
 * live session over one transport, and the reconnecting connection around it. Nothing here is API;
 * anything may change. Use {@link dev.gatehouse.upstream.UpstreamConnections}.
 */
package dev.gatehouse.upstream.internal;
