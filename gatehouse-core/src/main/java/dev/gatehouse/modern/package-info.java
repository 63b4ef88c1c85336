/**
 * The stateless protocol revision (2026-07-28) at the edges of the gateway: reading and validating
 * the per-request {@code _meta} envelope and the mirrored HTTP headers, answering {@code
 * server/discover} and {@code subscriptions/listen}, and bridging multi round-trip requests to the
 * session-era core. The routing engine stays era-neutral; {@link
 * dev.gatehouse.modern.DualEraHandler} adapts its answers for stateless clients.
 */
package dev.gatehouse.modern;
